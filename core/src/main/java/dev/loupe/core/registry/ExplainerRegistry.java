package dev.loupe.core.registry;

import dev.loupe.core.explain.Explainer;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.ExplainerProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The methods on the class path. Unlike Lucene's loader, a duplicate name is a hard error that
 * names both classes and their jars: silently picking one would make results depend on jar order
 * (the rules live in {@link NamedProviders}, shared with {@link MetricRegistry}).
 */
public final class ExplainerRegistry {

    private final NamedProviders<ExplainerProvider> providers;

    public ExplainerRegistry(Iterable<ExplainerProvider> found) {
        this.providers = new NamedProviders<>("method", found, ExplainerProvider::name);
    }

    /** The providers visible to this class's class loader. */
    public static ExplainerRegistry load() {
        return load(ExplainerRegistry.class.getClassLoader());
    }

    public static ExplainerRegistry load(ClassLoader loader) {
        return new ExplainerRegistry(ServiceLoader.load(ExplainerProvider.class, loader));
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
