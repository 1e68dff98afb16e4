package dev.loupe.cli.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * What a config record declares, read once per class: its fields in declaration order, each with
 * its YAML key, generic type, whether it is required, its default and its constraints. This is
 * all the binder knows about a record, and all a JSON Schema generator would need: a record is an
 * {@code object} with {@code additionalProperties: false}, {@code required} from
 * {@link Field#required()}, {@code default} from {@link Field#defaultYaml()},
 * {@code minimum}/{@code maximum} from {@link Range}, {@code minItems}/{@code maxItems} from
 * {@link Length}; the field types map as in {@link ConfigBinder}.
 */
final class ConfigFields {

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return inspect(type);
        }
    };

    private ConfigFields() {
    }

    /**
     * One record component. {@code defaultYaml} is null when there is none; a field is
     * {@code required} when it has neither {@link Default} nor {@link Nullable}.
     */
    record Field(String name, String key, Type type, Class<?> rawType, boolean required, String defaultYaml,
                 Range range, Length length) {
    }

    record Shape(Class<?> type, List<Field> fields, Constructor<?> constructor) {

        List<String> keys() {
            return fields.stream().map(Field::key).toList();
        }

        Field byKey(String key) {
            for (Field field : fields) {
                if (field.key().equals(key)) {
                    return field;
                }
            }
            return null;
        }
    }

    static Shape of(Class<?> recordType) {
        return SHAPES.get(recordType);
    }

    private static Shape inspect(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        RecordComponent[] components = type.getRecordComponents();
        List<Field> fields = new ArrayList<>(components.length);
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            Default def = c.getAnnotation(Default.class);
            boolean nullable = c.isAnnotationPresent(Nullable.class);
            String where = type.getName() + "." + c.getName();
            if (def != null && nullable) {
                throw new IllegalStateException(where + ": @Default and @Nullable together; pick one");
            }
            if (nullable && c.getType().isPrimitive()) {
                throw new IllegalStateException(where + ": @Nullable on a primitive; use the boxed type or @Default");
            }
            fields.add(new Field(c.getName(), Names.kebab(c.getName()), c.getGenericType(), c.getType(),
                    def == null && !nullable, def == null ? null : def.value(),
                    c.getAnnotation(Range.class), c.getAnnotation(Length.class)));
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return new Shape(type, List.copyOf(fields), constructor);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
        }
    }
}
