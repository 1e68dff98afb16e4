package dev.loupe.core.registry;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.text.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Providers of one plugin kind (methods, metrics) indexed by name, with the rules every such
 * registry shares: names match {@code ^[a-z][a-z0-9-]*$}; a duplicate name is a hard error naming
 * both classes and their jars (silently picking one would make results depend on jar order); an
 * unknown name gets a "did you mean"; a missing model capability is refused with the backend's
 * reasons.
 *
 * @param <P> the provider type
 */
final class NamedProviders<P> {

    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]*$");

    private final String kind;
    private final Map<String, P> byName;
    private final List<PluginProblem> problems;

    /**
     * @param kind what one provider is, singular, for messages: {@code method}, {@code metric}
     * @param name how to read a provider's name
     */
    NamedProviders(String kind, Iterable<P> found, Function<P, String> name) {
        this(kind, found, name, List.of());
    }

    /** As above, with the providers that were found but not loaded, for messages. */
    NamedProviders(String kind, Iterable<P> found, Function<P, String> name, List<PluginProblem> problems) {
        this.kind = kind;
        this.problems = List.copyOf(problems);
        Map<String, P> index = new TreeMap<>();
        for (P provider : found) {
            String n = name.apply(provider);
            if (n == null || !NAME.matcher(n).matches()) {
                throw new LoupeException(ErrorKind.INTERNAL, capitalised(kind) + " provider " + describe(provider)
                        + " has an invalid name '" + n + "': names must match " + NAME.pattern() + ".");
            }
            P previous = index.putIfAbsent(n, provider);
            if (previous != null) {
                throw new LoupeException(ErrorKind.INTERNAL, "Two " + kind + " providers are named '" + n + "': "
                        + describe(previous) + " and " + describe(provider) + ". Remove one of the jars.");
            }
        }
        this.byName = Collections.unmodifiableMap(index);
    }

    List<PluginProblem> problems() {
        return problems;
    }

    List<P> all() {
        return new ArrayList<>(byName.values());
    }

    Collection<String> names() {
        return byName.keySet();
    }

    P get(String name) {
        P provider = byName.get(name);
        if (provider == null) {
            throw new LoupeException(ErrorKind.USAGE, "Unknown " + kind + " '" + name + "'."
                    + Suggestions.didYouMean(name, byName.keySet())
                    + " Available " + kind + "s: " + String.join(", ", byName.keySet())
                    + ". A plugin " + kind + " needs its jar on the class path or in a plugin folder."
                    + notLoaded());
        }
        return provider;
    }

    /** Refuses {@code name} when {@code model} lacks one of {@code required}, with the backend's reasons. */
    void checkCapabilities(String name, Set<Capability> required, ExplainableModel model) {
        Set<Capability> missing = EnumSet.noneOf(Capability.class);
        missing.addAll(required);
        missing.removeAll(model.capabilities());
        if (!missing.isEmpty()) {
            StringBuilder reasons = new StringBuilder();
            missing.stream().map(model::whyNot).filter(Objects::nonNull).distinct()
                    .forEach(reason -> reasons.append(' ').append(reason));
            throw new LoupeException(ErrorKind.INPUT, capitalised(kind) + " '" + name + "' needs " + missing
                    + ", which the " + model.description().backend() + " backend does not offer for this model." + reasons);
        }
    }

    private String notLoaded() {
        if (problems.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" Not loaded:");
        for (PluginProblem problem : problems) {
            text.append(' ').append(problem).append('.');
        }
        return text.toString();
    }

    static String describe(Object provider) {
        return provider.getClass().getName() + " (" + ProviderSource.of(provider.getClass()) + ")";
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
