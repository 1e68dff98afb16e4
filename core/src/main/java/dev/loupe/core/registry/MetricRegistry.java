package dev.loupe.core.registry;

import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.MetricProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The evaluation metrics on the class path, under the same rules as methods (see
 * {@link NamedProviders}): strict names, duplicates are a hard error, unknown names get a "did you
 * mean", a metric the model cannot support is refused with the backend's reasons.
 */
public final class MetricRegistry {

    private final NamedProviders<MetricProvider> providers;

    public MetricRegistry(Iterable<MetricProvider> found) {
        this.providers = new NamedProviders<>("metric", found, MetricProvider::name);
    }

    /** The providers visible to this class's class loader. */
    public static MetricRegistry load() {
        return load(MetricRegistry.class.getClassLoader());
    }

    public static MetricRegistry load(ClassLoader loader) {
        return new MetricRegistry(ServiceLoader.load(MetricProvider.class, loader));
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
