package dev.loupe.core.registry;

import dev.loupe.core.explain.Explainer;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.stability.Stable;
import java.util.List;
import java.util.Map;

/**
 * The methods on the class path. Unlike Lucene's loader, a duplicate name is a hard error that
 * names both classes and their jars: silently picking one would make results depend on jar order
 * (the rules live in {@link NamedProviders}, shared with {@link MetricRegistry}).
 */
@Stable
public final class ExplainerRegistry {

    private final NamedProviders<ExplainerProvider> providers;

    public ExplainerRegistry(Iterable<ExplainerProvider> found) {
        this(found, List.of());
    }

    private ExplainerRegistry(Iterable<ExplainerProvider> found, List<PluginProblem> problems) {
        this.providers = new NamedProviders<>("method", found, ExplainerProvider::name, problems);
    }

    /**
     * The providers visible to the thread's context class loader (plugin folders, for the CLI),
     * else to Loupe's own; see {@link #problems()} for those found but not loaded.
     */
    public static ExplainerRegistry load() {
        return load(ProviderLoading.defaultLoader());
    }

    public static ExplainerRegistry load(ClassLoader loader) {
        ProviderLoading<ExplainerProvider> found = ProviderLoading.load(ExplainerProvider.class, loader, ExplainerProvider::spiVersion);
        return new ExplainerRegistry(found.loaded, found.problems);
    }

    /** Providers that were found but refused (incompatible SPI version, broken jar), each with why. */
    public List<PluginProblem> problems() {
        return providers.problems();
    }

    public List<ExplainerProvider> all() {
        return providers.all();
    }

    public ExplainerProvider get(String name) {
        return providers.get(name);
    }

    /** Validates parameters, checks the model's capabilities, then creates the explainer. */
    public Explainer create(String name, Map<String, ?> parameters, ExplainableModel model) {
        ExplainerProvider provider = get(name);
        Parameters validated = provider.parameters().validate(name, parameters);
        providers.checkCapabilities(name, provider.requiredCapabilities(), model);
        return provider.create(validated);
    }

    public static String describe(Object provider) {
        return NamedProviders.describe(provider);
    }
}
