package dev.loupe.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --model-option KEY=VALUE}, for every command that opens a model. */
final class ModelOptionFlags {

    @Option(names = "--model-option", paramLabel = "KEY=VALUE",
            description = "A backend setting (repeatable), checked against the backend's options before the model"
                    + " loads; on top of a config file's model.options.")
    private Map<String, String> values = new LinkedHashMap<>();

    /** {@code base} (a config file's {@code model.options}, or none) with the flags added or replacing. */
    Map<String, String> over(Map<String, String> base) {
        Map<String, String> merged = new LinkedHashMap<>(base);
        merged.putAll(values);
        return merged;
    }

    Map<String, String> values() {
        return over(Map.of());
    }
}
