package dev.loupe.render.heatmap;

import dev.loupe.core.text.Suggestions;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Lookup of a render option by the name used in configuration files, with a "did you mean". */
final class Named {

    private Named() {}

    static <E extends Enum<E>> E byName(Class<E> type, String what, String name, Function<E, String> id) {
        for (E e : type.getEnumConstants()) {
            if (id.apply(e).equals(name)) {
                return e;
            }
        }
        List<String> known = Arrays.stream(type.getEnumConstants()).map(id).toList();
        throw new IllegalArgumentException("Unknown " + what + " '" + name + "'." + Suggestions.didYouMean(name, known)
                + " Known: " + String.join(", ", known) + ".");
    }
}
