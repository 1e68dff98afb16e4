package dev.loupe.core.registry;

import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.MetricProvider;
import dev.loupe.core.stability.Experimental;
import java.util.List;
import java.util.Map;

/**
 * The evaluation metrics on the class path, under the same rules as methods (see
 * {@link NamedProviders}): strict names, duplicates are a hard error, unknown names get a "did you
 * mean", a metric the model cannot support is refused with the backend's reasons.
 */
@Experimental
public final class MetricRegistry {

    private final NamedProviders<MetricProvider> providers;

    public MetricRegistry(Iterable<MetricProvider> found) {
        this(found, List.of());
    }

    private MetricRegistry(Iterable<MetricProvider> found, List<PluginProblem> problems) {
        this.providers = new NamedProviders<>("metric", found, MetricProvider::name, problems);
    }

    /**
     * The providers visible to the thread's context class loader (plugin folders, for the CLI),
     * else to Loupe's own; see {@link #problems()} for those found but not loaded.
     */
    public static MetricRegistry load() {
        return load(ProviderLoading.defaultLoader());
    }

    public static MetricRegistry load(ClassLoader loader) {
        ProviderLoading<MetricProvider> found = ProviderLoading.load(MetricProvider.class, loader, MetricProvider::spiVersion);
        return new MetricRegistry(found.loaded, found.problems);
    }

    /** Providers that were found but refused (incompatible SPI version, broken jar), each with why. */
    public List<PluginProblem> problems() {
        return providers.problems();
    }

    public List<MetricProvider> all() {
        return providers.all();
    }

    public MetricProvider get(String name) {
        return providers.get(name);
    }

    /** Validates parameters only: for checking a config before any model is loaded. */
    public Parameters validate(String name, Map<String, ?> parameters) {
        return get(name).parameters().validate(name, parameters);
    }

    /** Validates parameters, checks the model's capabilities, then creates the metric. */
    public Metric create(String name, Map<String, ?> parameters, ExplainableModel model) {
        MetricProvider provider = get(name);
        Parameters validated = provider.parameters().validate(name, parameters);
        providers.checkCapabilities(name, provider.requiredCapabilities(), model);
        return provider.create(validated);
    }
}
