package dev.loupe.cli;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import java.util.ArrayList;
import java.util.List;

/** The flags a command needs when it runs without {@code --config}, all missing ones named at once. */
final class RequiredFlags {

    private final List<String> missing = new ArrayList<>();

    RequiredFlags need(String flag, boolean given) {
        if (!given) {
            missing.add(flag);
        }
        return this;
    }

    /** @param sample the config sample to point at instead */
    void orFail(String sample) {
        if (!missing.isEmpty()) {
            throw new LoupeException(ErrorKind.USAGE, "Missing " + String.join(", ", missing)
                    + ". Give them, or a YAML file with --config (see " + sample + ").");
        }
    }
}
