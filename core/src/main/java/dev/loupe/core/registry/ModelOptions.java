package dev.loupe.core.registry;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.spi.BackendProvider;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.text.Suggestions;
import java.util.Map;
import java.util.TreeSet;

/** Checks {@code ModelSpec.options} against what the chosen backend reads, before it opens anything. */
@Internal
public final class ModelOptions {

    private ModelOptions() {
    }

    /**
     * @throws LoupeException a {@link ErrorKind#USAGE} error naming the backend, the first unknown
     *                        key, a "did you mean" and the backend's options
     */
    public static void check(BackendProvider backend, Map<String, String> options) {
        TreeSet<String> known = new TreeSet<>(backend.optionNames());
        for (String key : options.keySet()) {
            if (known.contains(key)) {
                continue;
            }
            String accepted = known.isEmpty() ? " It takes no model options."
                    : Suggestions.didYouMean(key, known) + " Its model options: " + String.join(", ", known) + ".";
            throw new LoupeException(ErrorKind.USAGE, "Backend '" + backend.name() + "' has no model option '" + key
                    + "'." + accepted);
        }
    }
}
