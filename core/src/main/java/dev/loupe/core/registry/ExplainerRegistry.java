package dev.loupe.core.registry;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.text.Suggestions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The methods on the class path. Unlike Lucene's loader, a duplicate name is a hard error that
 * names both classes and their jars: silently picking one would make results depend on jar order.
 */
public final class ExplainerRegistry {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]*$");

    private final Map<String, ExplainerProvider> providers;

    public ExplainerRegistry(Iterable<ExplainerProvider> found) {
        Map<String, ExplainerProvider> byName = new TreeMap<>();
        for (ExplainerProvider provider : found) {
            String name = provider.name();
            if (name == null || !NAME.matcher(name).matches()) {
                throw new LoupeException(ErrorKind.INTERNAL, "Method provider " + describe(provider)
                        + " has an invalid name '" + name + "': names must match " + NAME.pattern() + ".");
            }
            ExplainerProvider previous = byName.putIfAbsent(name, provider);
            if (previous != null) {
                throw new LoupeException(ErrorKind.INTERNAL, "Two method providers are named '" + name + "': "
                        + describe(previous) + " and " + describe(provider) + ". Remove one of the jars.");
            }
        }
        this.providers = Collections.unmodifiableMap(byName);
    }

    /** The providers visible to this class's class loader. */
    public static ExplainerRegistry load() {
        return load(ExplainerRegistry.class.getClassLoader());
    }

    public static ExplainerRegistry load(ClassLoader loader) {
        return new ExplainerRegistry(ServiceLoader.load(ExplainerProvider.class, loader));
    }

    public List<ExplainerProvider> all() {
        return new ArrayList<>(providers.values());
    }

    public ExplainerProvider get(String name) {
        ExplainerProvider provider = providers.get(name);
        if (provider == null) {
            throw new LoupeException(ErrorKind.USAGE, "Unknown method '" + name + "'."
                    + Suggestions.didYouMean(name, providers.keySet())
                    + " Available methods: " + String.join(", ", providers.keySet())
                    + ". A plugin method needs its jar on the class path.");
        }
        return provider;
    }

    /** Validates parameters, checks the model's capabilities, then creates the explainer. */
    public Explainer create(String name, Map<String, ?> parameters, ExplainableModel model) {
        ExplainerProvider provider = get(name);
        Parameters validated = provider.parameters().validate(name, parameters);
        Set<Capability> missing = EnumSet.noneOf(Capability.class);
        missing.addAll(provider.requiredCapabilities());
        missing.removeAll(model.capabilities());
        if (!missing.isEmpty()) {
            StringBuilder reasons = new StringBuilder();
            missing.stream().map(model::whyNot).filter(java.util.Objects::nonNull).distinct()
                    .forEach(reason -> reasons.append(' ').append(reason));
            throw new LoupeException(ErrorKind.INPUT, "Method '" + name + "' needs " + missing + ", which the "
                    + model.description().backend() + " backend does not offer for this model." + reasons);
        }
        return provider.create(validated);
    }

    public static String describe(Object provider) {
        return provider.getClass().getName() + " (" + ProviderSource.of(provider.getClass()) + ")";
    }
}
