package dev.loupe.cli.config;

import dev.loupe.cli.config.ConfigFields.Field;
import dev.loupe.core.model.Device;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.spi.MetricProvider;
import dev.loupe.core.stability.Internal;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON Schema (draft 2020-12) for a config record, derived from the same declarations the
 * {@link ConfigBinder} binds by: record components in kebab case, {@link Default}, {@link Nullable},
 * {@link Range}, {@link Length}, enums, lists, maps, and value types with a {@code parse} method.
 * The binder stays the authority (it also runs {@link Validatable} checks a schema cannot
 * express); the schema is for editors, so it must never reject a file the binder accepts.
 *
 * <p>The result is plain maps and lists (JSON-ready), in declaration order.
 */
@Internal
public final class ConfigSchema {

    private ConfigSchema() {
    }

    /** The schema of a whole config file whose root is the record {@code root}. */
    public static Map<String, Object> of(Class<? extends Record> root, String title) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("title", title);
        schema.putAll(forType(root));
        return schema;
    }

    /**
     * The schema of a {@code loupe explain} config file, with each installed method's parameters.
     */
    public static Map<String, Object> explain(List<ExplainerProvider> methods) {
        Map<String, Object> schema = of(RunConfig.class, "Loupe run configuration (loupe explain)");
        MethodParamsSchema.refine(items(schema, "methods"), MethodParamsSchema.Declared.methods(methods));
        return schema;
    }

    /** The schema of a {@code loupe evaluate} config file, with each installed method's and metric's parameters. */
    public static Map<String, Object> evaluate(List<ExplainerProvider> methods, List<MetricProvider> metrics) {
        Map<String, Object> schema = of(EvalConfig.class, "Loupe evaluation configuration (loupe evaluate)");
        MethodParamsSchema.refine(items(schema, "methods"), MethodParamsSchema.Declared.methods(methods));
        MethodParamsSchema.refine(items(schema, "metrics"), MethodParamsSchema.Declared.metrics(metrics));
        return schema;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> items(Map<String, Object> schema, String list) {
        Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
        return (Map<String, Object>) ((Map<String, Object>) properties.get(list)).get("items");
    }

    /** The schema of one record's mapping, for callers that refine a part (method parameters). */
    static Map<String, Object> forType(Type type) {
        Class<?> raw = ConfigBinder.rawClass(type);
        Map<String, Object> valueType = valueTypeSchema(raw);
        if (valueType != null) {
            return valueType;
        }
        if (raw.isRecord()) {
            return record(raw);
        }
        if (raw == String.class) {
            // the binder takes any scalar as written: "3" and 3 are the same string to it
            return map("type", List.of("string", "number", "boolean"), "minLength", 1);
        }
        if (raw == Path.class) {
            return map("type", "string", "minLength", 1, "description", "a path, relative to the config file's folder");
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return map("type", "integer");
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return map("type", "number");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return map("type", "boolean");
        }
        if (raw.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : raw.getEnumConstants()) {
                names.add(Names.enumKey((Enum<?>) constant));
            }
            return map("enum", names);
        }
        if (raw == List.class) {
            return map("type", "array", "items", forType(typeArgument(type, 0)));
        }
        if (raw == Map.class) {
            return map("type", "object", "additionalProperties", forType(typeArgument(type, 1)));
        }
        if (raw == Object.class) {
            return new LinkedHashMap<>();
        }
        throw new IllegalStateException("no schema rule for " + type.getTypeName());
    }

    private static Map<String, Object> record(Class<?> type) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Field field : ConfigFields.of(type).fields()) {
            Map<String, Object> property = forType(field.type());
            constrain(property, field);
            if (field.defaultYaml() != null) {
                property.put("default", DefaultValue.asJson(field.defaultYaml()));
            }
            if (field.required()) {
                required.add(field.key());
            }
            properties.put(field.key(), property);
        }
        Map<String, Object> schema = map("type", "object", "properties", properties, "additionalProperties", false);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        return schema;
    }

    /** {@link Range} bounds the values (of a list's items too); {@link Length} bounds a list. */
    private static void constrain(Map<String, Object> property, Field field) {
        Range range = field.range();
        if (range != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> numbers = "array".equals(property.get("type"))
                    ? (Map<String, Object>) property.get("items") : property;
            if (Double.isFinite(range.min())) {
                numbers.put(range.minExclusive() ? "exclusiveMinimum" : "minimum", range.min());
            }
            if (Double.isFinite(range.max())) {
                numbers.put(range.maxExclusive() ? "exclusiveMaximum" : "maximum", range.max());
            }
        }
        Length length = field.length();
        if (length != null) {
            property.put("minItems", length.min());
            if (length.max() != Integer.MAX_VALUE) {
                property.put("maxItems", length.max());
            }
        }
    }

    /** Value types that parse themselves declare their own shape next to their parse method. */
    private static Map<String, Object> valueTypeSchema(Class<?> raw) {
        if (raw == TargetSpec.class) {
            return TargetSpec.jsonSchema();
        }
        if (raw == Size.class) {
            return Size.jsonSchema();
        }
        if (raw == Device.class) {
            // core knows nothing of JSON Schema; Device.parse accepts these forms, in any letter case
            return map("type", "string", "pattern", "^\\s*([cC][pP][uU]|[aA][uU][tT][oO]|[gG][pP][uU](:[0-9]+)?)\\s*$",
                    "description", "cpu, auto, gpu (= gpu:0) or gpu:N");
        }
        if (ConfigBinder.parseMethod(raw) != null) {
            throw new IllegalStateException(raw.getName() + " parses itself but has no schema rule; add one here");
        }
        return null;
    }

    private static Type typeArgument(Type type, int index) {
        if (!(type instanceof ParameterizedType parameterized)) {
            throw new IllegalStateException("raw " + type.getTypeName() + " in a config record; give its type arguments");
        }
        Type argument = parameterized.getActualTypeArguments()[index];
        return argument instanceof WildcardType wildcard ? wildcard.getUpperBounds()[0] : argument;
    }

    /** An ordered map from alternating keys and values. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
