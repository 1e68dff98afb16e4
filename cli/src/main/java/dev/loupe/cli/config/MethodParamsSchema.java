package dev.loupe.cli.config;

import static dev.loupe.cli.config.ConfigSchema.map;

import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.spi.MetricProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refines the {@code methods:} (or {@code metrics:}) items of a config schema with what the installed
 * providers declare: {@code name} becomes one of their names, and each name's {@code params} get that
 * provider's parameters, types, ranges, choices, defaults and descriptions. Like the binder, it
 * accepts numbers and booleans written as strings, because {@code key=value} overrides and
 * quoted YAML reach the same parameter validation.
 */
final class MethodParamsSchema {

    private static final String INTEGER_TEXT = "^\\s*[+-]?[0-9]+\\s*$";
    private static final String NUMBER_TEXT = "^\\s*[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*$";

    private MethodParamsSchema() {
    }

    /** What a method or metric provider declares: its name, one sentence, and its parameters. */
    record Declared(String name, String description, ParameterSpec parameters) {

        static List<Declared> methods(List<ExplainerProvider> providers) {
            return providers.stream().map(p -> new Declared(p.name(), p.description(), p.parameters())).toList();
        }

        static List<Declared> metrics(List<MetricProvider> providers) {
            return providers.stream().map(p -> new Declared(p.name(), p.description(), p.parameters())).toList();
        }
    }

    @SuppressWarnings("unchecked")
    static void refine(Map<String, Object> item, List<Declared> providers) {
        Map<String, Object> properties = (Map<String, Object>) item.get("properties");
        List<String> names = providers.stream().map(Declared::name).toList();
        ((Map<String, Object>) properties.get("name")).put("enum", names);
        List<Object> cases = new ArrayList<>();
        for (Declared provider : providers) {
            Map<String, Object> params = new LinkedHashMap<>();
            for (ParameterDef def : provider.parameters().definitions()) {
                params.put(def.name(), parameter(def));
            }
            cases.add(map(
                    "if", map("properties", map("name", map("const", provider.name())), "required", List.of("name")),
                    "then", map("description", provider.description(),
                            "properties", map("params", map("type", "object", "properties", params,
                                    "additionalProperties", false)))));
        }
        item.put("allOf", cases);
    }

    static Map<String, Object> parameter(ParameterDef def) {
        Map<String, Object> schema = switch (def.type()) {
            case INTEGER -> map("type", List.of("integer", "string"), "pattern", INTEGER_TEXT);
            case NUMBER -> map("type", List.of("number", "string"), "pattern", NUMBER_TEXT);
            case BOOLEAN -> map("type", List.of("boolean", "string"), "pattern", caseInsensitive("true", "false"));
            case STRING -> map("type", List.of("string", "number", "boolean"));
            case CHOICE -> map("anyOf", List.of(map("enum", def.choices()),
                    map("type", "string", "pattern", caseInsensitive(def.choices().toArray(String[]::new)))));
            // one layer, or a list of layers for the methods that combine several
            case LAYER -> map("anyOf", List.of(map("type", List.of("string", "integer")),
                    map("type", "array", "items", map("type", List.of("string", "integer")), "minItems", 1)));
        };
        if (def.min() != null) {
            schema.put("minimum", def.min());
        }
        if (def.max() != null) {
            schema.put("maximum", def.max());
        }
        schema.put("default", def.defaultValue());
        schema.put("description", def.description());
        return schema;
    }

    /**
     * A pattern matching any of {@code words} in any letter case. JSON Schema patterns are
     * ECMA-262 regular expressions, which have no inline {@code (?i)} flag.
     */
    static String caseInsensitive(String... words) {
        StringBuilder pattern = new StringBuilder("^\\s*(");
        for (int w = 0; w < words.length; w++) {
            if (w > 0) {
                pattern.append('|');
            }
            for (char c : words[w].toCharArray()) {
                char lower = Character.toLowerCase(c);
                char upper = Character.toUpperCase(c);
                if (lower != upper) {
                    pattern.append('[').append(lower).append(upper).append(']');
                } else if (Character.isLetterOrDigit(c)) {
                    pattern.append(c);
                } else {
                    pattern.append('\\').append(c);
                }
            }
        }
        return pattern.append(")\\s*$").toString();
    }
}
