package dev.loupe.cli.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A {@link Default}'s YAML text as the plain value a JSON document holds. */
final class DefaultValue {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private DefaultValue() {
    }

    static Object asJson(String yaml) {
        try {
            return YAML.readValue(yaml, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("bad @Default(\"" + yaml + "\")", e);
        }
    }
}
