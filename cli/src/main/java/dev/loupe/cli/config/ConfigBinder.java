package dev.loupe.cli.config;

import dev.loupe.cli.config.ConfigFields.Field;
import dev.loupe.cli.config.ConfigFields.Shape;
import dev.loupe.cli.config.YamlNode.Entry;
import dev.loupe.cli.config.YamlNode.Mapping;
import dev.loupe.cli.config.YamlNode.Position;
import dev.loupe.cli.config.YamlNode.Scalar;
import dev.loupe.cli.config.YamlNode.Sequence;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Binds a {@link YamlNode} tree to Java types, strictly, collecting every error. Generic: it knows
 * nothing about Loupe's config, only these types:
 * <ul>
 *   <li>a record: a mapping whose keys are the components' names in kebab case
 *       ({@code overlayAlpha} is {@code overlay-alpha}); unknown keys are errors; optional
 *       components carry {@link Default} or {@link Nullable}; {@link Range} and {@link Length}
 *       constrain values; a record implementing {@link Validatable} is then validated;</li>
 *   <li>{@code String}: any scalar, as written, not blank;</li>
 *   <li>{@code int}, {@code long} (and boxes): an integer scalar in range ({@code 3.0} and
 *       {@code "3"} are not integers);</li>
 *   <li>{@code double}, {@code float} (and boxes): an integer or decimal scalar, finite;</li>
 *   <li>{@code boolean}: {@code true} or {@code false};</li>
 *   <li>an enum: its constant names in lower kebab case ({@code GRAD_CAM} is {@code grad-cam});</li>
 *   <li>{@code java.nio.file.Path}: a scalar, resolved against the config file's folder and
 *       normalized (absolute paths stay as they are; {@code ~} is not expanded);</li>
 *   <li>{@code List<T>}: a YAML list of T;</li>
 *   <li>{@code Map<String, T>}: a mapping with free keys and T values;</li>
 *   <li>{@code Object}: a "plain" value, the YAML as it is: String, Long (every integer, whatever
 *       its size, as long as it fits a long), Double, Boolean, null, List and Map (in file order)
 *       of plain values, all unmodifiable;</li>
 *   <li>a value type with a {@code public static T parse(String)} (given the scalar's text) or
 *       {@code public static T parse(Object)} (given the plain value, so it can tell
 *       {@code 3} from {@code "3"} and accept lists); an {@link IllegalArgumentException} from it
 *       becomes an error at the value, with its message. A {@code parse} method takes precedence
 *       over the record rule, so a record can be written as a scalar.</li>
 * </ul>
 * Unsupported types are programming errors ({@link IllegalStateException}).
 */
final class ConfigBinder {

    /** What {@link #bind} returns when the value did not bind (the reason is in the errors). */
    private static final Object FAILED = new Object();

    private final Path file;
    private final Path baseDir;
    private final List<ConfigError> errors;
    /** The position of every value bound, by path, so that validation can point at it. */
    private final Map<String, Position> positions = new HashMap<>();

    ConfigBinder(Path file, Path baseDir, List<ConfigError> errors) {
        this.file = file;
        this.baseDir = baseDir;
        this.errors = errors;
    }

    /** The bound value, or null when it did not bind (then {@code errors} says why). */
    <T> T bindRoot(YamlNode root, Class<T> type) {
        Object value = bind(root, type, "", root.position());
        return value == FAILED ? null : type.cast(value);
    }

    /**
     * Binds {@code node} as {@code type}; {@code owner} is where a "missing field" inside it is
     * reported: the key that holds the value, or the value itself for list items and the root.
     */
    private Object bind(YamlNode node, Type type, String path, Position owner) {
        positions.put(path, node.position());
        if (node instanceof Scalar s && s.isBroken()) {
            return FAILED;
        }
        Class<?> raw = rawClass(type);
        if (node instanceof Scalar s && s.isNull()) {
            return fail(node.position(), path, "expected " + expected(type) + ", got no value");
        }
        Method parse = parseMethod(raw);
        if (parse != null) {
            return bindParsed(node, parse, path);
        }
        if (raw.isRecord()) {
            return bindRecord(node, raw, path, owner);
        }
        if (raw == String.class) {
            return bindString(node, path);
        }
        if (raw == int.class || raw == Integer.class) {
            return bindInteger(node, path, Integer.MIN_VALUE, Integer.MAX_VALUE, true);
        }
        if (raw == long.class || raw == Long.class) {
            return bindInteger(node, path, Long.MIN_VALUE, Long.MAX_VALUE, false);
        }
        if (raw == double.class || raw == Double.class) {
            return bindNumber(node, path, false);
        }
        if (raw == float.class || raw == Float.class) {
            return bindNumber(node, path, true);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return bindBoolean(node, path);
        }
        if (raw.isEnum()) {
            return bindEnum(node, raw, path);
        }
        if (raw == Path.class) {
            return bindPath(node, path);
        }
        if (raw == List.class) {
            return bindList(node, typeArgument(type, 0), path);
        }
        if (raw == Map.class) {
            Class<?> keyType = rawClass(typeArgument(type, 0));
            if (keyType != String.class && keyType != Object.class) {
                throw new IllegalStateException("config maps need String keys: " + type);
            }
            return bindMap(node, typeArgument(type, 1), path);
        }
        if (raw == Object.class) {
            return plain(node, path);
        }
        throw new IllegalStateException("the config binder does not support " + type.getTypeName()
                + " (at '" + path + "'); add a static parse(String) or parse(Object) to it");
    }

    // ----- records -----

    private Object bindRecord(YamlNode node, Class<?> type, String path, Position owner) {
        Shape shape = ConfigFields.of(type);
        if (!(node instanceof Mapping mapping)) {
            return fail(node.position(), path, "expected a mapping with keys " + String.join(", ", shape.keys())
                    + ", got " + Names.describe(node));
        }
        boolean ok = true;
        for (Entry entry : mapping.entries()) {
            if (shape.byKey(entry.key()) == null) {
                ok = false;
                Optional<String> guess = Names.suggest(entry.key(), shape.keys());
                String hint = guess.map(g -> "did you mean '" + g + "'?")
                        .orElseGet(() -> "valid keys: " + String.join(", ", shape.keys()));
                error(entry.keyPosition(), child(path, entry.key()), "unknown key '" + entry.key() + "', " + hint);
            }
        }
        List<Field> fields = shape.fields();
        Object[] args = new Object[fields.size()];
        for (int i = 0; i < args.length; i++) {
            Field field = fields.get(i);
            String fieldPath = child(path, field.key());
            Entry entry = mapping.get(field.key());
            if (entry == null || entry.value() instanceof Scalar s && s.isNull()) {
                if (field.defaultYaml() != null) {
                    args[i] = defaultValue(field, fieldPath);
                } else if (!field.required()) {
                    args[i] = null;
                } else if (entry == null) {
                    ok = false;
                    error(owner, fieldPath, "missing required field");
                } else {
                    ok = false;
                    error(entry.keyPosition(), fieldPath, "missing value: expected " + expected(field.type()));
                }
                continue;
            }
            Object value = bind(entry.value(), field.type(), fieldPath, entry.keyPosition());
            if (value == FAILED || !checkConstraints(field, value, entry.value(), fieldPath)) {
                ok = false;
            } else {
                args[i] = value;
            }
        }
        if (!ok) {
            return FAILED;
        }
        Object instance;
        try {
            instance = shape.constructor().newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) {
                return fail(owner, path, bad.getMessage());
            }
            throw new IllegalStateException("cannot create " + type.getName() + " at '" + path + "'", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName(), e);
        }
        if (instance instanceof Validatable validatable) {
            int before = errors.size();
            validatable.validate((relativePath, message) -> {
                String full = join(path, relativePath);
                error(relativePath.isEmpty() ? owner : positionOf(full, owner), full, message);
            });
            if (errors.size() > before) {
                return FAILED;
            }
        }
        return instance;
    }

    private Object defaultValue(Field field, String fieldPath) {
        List<ConfigError> problems = new ArrayList<>();
        YamlNode node = YamlTreeReader.read(file, field.defaultYaml(), problems);
        Object value = node == null ? FAILED
                : new ConfigBinder(file, baseDir, problems).bind(node, field.type(), fieldPath, node.position());
        if (value == FAILED || !problems.isEmpty()) {
            throw new IllegalStateException("bad @Default(\"" + field.defaultYaml() + "\") for '" + fieldPath + "': "
                    + problems.stream().map(ConfigError::message).collect(Collectors.joining("; ")));
        }
        return value;
    }

    private boolean checkConstraints(Field field, Object value, YamlNode node, String path) {
        boolean ok = true;
        Length length = field.length();
        if (length != null && value instanceof List<?> list) {
            int n = list.size();
            if (n < length.min() || n > length.max()) {
                ok = false;
                error(node.position(), path, lengthMessage(length, n));
            }
        }
        Range range = field.range();
        if (range != null) {
            if (value instanceof Number number) {
                ok = checkRange(range, number, node, path);
            } else if (value instanceof List<?> list && node instanceof Sequence seq) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Number number) {
                        ok = checkRange(range, number, seq.items().get(i), path + "[" + i + "]") && ok;
                    }
                }
            }
        }
        return ok;
    }

    private boolean checkRange(Range range, Number number, YamlNode node, String path) {
        double v = number.doubleValue();
        boolean aboveMin = range.minExclusive() ? v > range.min() : v >= range.min();
        boolean belowMax = range.maxExclusive() ? v < range.max() : v <= range.max();
        if (aboveMin && belowMax) {
            return true;
        }
        error(node.position(), path, "value out of range: must be " + bounds(range) + ", got " + Names.describe(node));
        return false;
    }

    /** "between 0 and 1", "> 0", ">= 0 and < 1". */
    static String bounds(Range range) {
        boolean hasMin = range.min() != Double.NEGATIVE_INFINITY;
        boolean hasMax = range.max() != Double.POSITIVE_INFINITY;
        if (hasMin && hasMax && !range.minExclusive() && !range.maxExclusive()) {
            return "between " + Names.number(range.min()) + " and " + Names.number(range.max());
        }
        String lower = (range.minExclusive() ? "> " : ">= ") + Names.number(range.min());
        String upper = (range.maxExclusive() ? "< " : "<= ") + Names.number(range.max());
        if (hasMin && hasMax) {
            return lower + " and " + upper;
        }
        return hasMin ? lower : upper;
    }

    private static String lengthMessage(Length length, int n) {
        if (length.min() == length.max()) {
            return "expected exactly " + items(length.min()) + ", got " + n;
        }
        if (n < length.min()) {
            return length.min() == 1 ? "must not be empty" : "expected at least " + items(length.min()) + ", got " + n;
        }
        return "expected at most " + items(length.max()) + ", got " + n;
    }

    private static String items(int n) {
        return n + (n == 1 ? " item" : " items");
    }

    // ----- scalars -----

    private Object bindString(YamlNode node, String path) {
        if (!(node instanceof Scalar s)) {
            return fail(node.position(), path, "expected a string, got " + Names.describe(node));
        }
        if (s.text().isBlank()) {
            return fail(node.position(), path, "must not be empty");
        }
        return s.text();
    }

    private Object bindInteger(YamlNode node, String path, long min, long max, boolean isInt) {
        if (node instanceof Scalar s) {
            if (s.value() instanceof Long n) {
                if (n < min || n > max) {
                    return fail(node.position(), path, "value out of range: " + s.text() + " does not fit in "
                            + (isInt ? "an int" : "a long"));
                }
                return isInt ? (Object) n.intValue() : (Object) n;
            }
            if (s.value() instanceof BigInteger) {
                return fail(node.position(), path, "value out of range: " + s.text() + " does not fit in "
                        + (isInt ? "an int" : "a long"));
            }
        }
        return fail(node.position(), path, "expected an integer, got " + Names.describe(node));
    }

    private Object bindNumber(YamlNode node, String path, boolean isFloat) {
        if (node instanceof Scalar s && s.value() instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d) || isFloat && !Float.isFinite((float) d)) {
                return fail(node.position(), path, "expected a finite number, got " + Names.describe(node));
            }
            return isFloat ? (Object) (float) d : (Object) d;
        }
        return fail(node.position(), path, "expected a number, got " + Names.describe(node));
    }

    private Object bindBoolean(YamlNode node, String path) {
        if (node instanceof Scalar s && s.value() instanceof Boolean b) {
            return b;
        }
        return fail(node.position(), path, "expected true or false, got " + Names.describe(node));
    }

    private Object bindEnum(YamlNode node, Class<?> type, String path) {
        List<String> keys = enumKeys(type);
        if (node instanceof Scalar s) {
            for (Object constant : type.getEnumConstants()) {
                if (Names.enumKey((Enum<?>) constant).equals(s.text())) {
                    return constant;
                }
            }
            String valid = String.join(", ", keys);
            String unknown = "unknown value '" + s.text() + "', ";
            return fail(node.position(), path, Names.suggest(s.text(), keys)
                    .map(g -> unknown + "did you mean '" + g + "'? (valid values: " + valid + ")")
                    .orElse(unknown + "valid values: " + valid));
        }
        return fail(node.position(), path, "expected one of: " + String.join(", ", keys) + ", got " + Names.describe(node));
    }

    private Object bindPath(YamlNode node, String path) {
        if (!(node instanceof Scalar s)) {
            return fail(node.position(), path, "expected a path, got " + Names.describe(node));
        }
        if (s.text().isBlank()) {
            return fail(node.position(), path, "must not be empty");
        }
        try {
            return baseDir.resolve(s.text()).normalize();
        } catch (InvalidPathException e) {
            return fail(node.position(), path, "not a valid path: " + e.getReason());
        }
    }

    private Object bindParsed(YamlNode node, Method parse, String path) {
        Object argument;
        if (parse.getParameterTypes()[0] == String.class) {
            if (!(node instanceof Scalar s)) {
                return fail(node.position(), path, "expected a single value, got " + Names.describe(node));
            }
            argument = s.text();
        } else {
            argument = plain(node, path);
            if (argument == FAILED) {
                return FAILED;
            }
        }
        try {
            Object value = parse.invoke(null, argument);
            if (value == null) {
                throw new IllegalStateException(parse + " returned null");
            }
            return value;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) {
                return fail(node.position(), path, bad.getMessage());
            }
            throw new IllegalStateException(parse + " failed at '" + path + "'", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    // ----- collections -----

    private Object bindList(YamlNode node, Type itemType, String path) {
        if (!(node instanceof Sequence seq)) {
            return fail(node.position(), path, "expected a list, got " + Names.describe(node));
        }
        List<Object> values = new ArrayList<>(seq.items().size());
        boolean ok = true;
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            Object value = bind(item, itemType, path + "[" + i + "]", item.position());
            ok &= value != FAILED;
            values.add(value);
        }
        return ok ? List.copyOf(values) : FAILED;
    }

    private Object bindMap(YamlNode node, Type valueType, String path) {
        if (!(node instanceof Mapping mapping)) {
            return fail(node.position(), path, "expected a mapping, got " + Names.describe(node));
        }
        boolean free = rawClass(valueType) == Object.class;
        Map<String, Object> values = new LinkedHashMap<>();
        boolean ok = true;
        for (Entry entry : mapping.entries()) {
            String entryPath = child(path, entry.key());
            Object value = free ? plain(entry.value(), entryPath)
                    : bind(entry.value(), valueType, entryPath, entry.keyPosition());
            ok &= value != FAILED;
            values.put(entry.key(), value);
        }
        return ok ? Collections.unmodifiableMap(values) : FAILED;
    }

    /** The YAML as plain Java values (see the class comment), or FAILED for a too-big integer. */
    private Object plain(YamlNode node, String path) {
        positions.put(path, node.position());
        if (node instanceof Scalar s) {
            if (s.isBroken()) {
                return FAILED;
            }
            if (s.value() instanceof BigInteger) {
                return fail(node.position(), path, "value out of range: " + s.text() + " does not fit in a long");
            }
            return s.value();
        }
        if (node instanceof Sequence seq) {
            List<Object> values = new ArrayList<>(seq.items().size());
            boolean ok = true;
            for (int i = 0; i < seq.items().size(); i++) {
                Object value = plain(seq.items().get(i), path + "[" + i + "]");
                ok &= value != FAILED;
                values.add(value);
            }
            return ok ? Collections.unmodifiableList(values) : FAILED;
        }
        return bindMap(node, Object.class, path);
    }

    // ----- helpers -----

    static Method parseMethod(Class<?> type) {
        if (type.isPrimitive() || type.getName().startsWith("java.")) {
            return null;
        }
        for (Class<?> argument : new Class<?>[] {Object.class, String.class}) {
            try {
                Method m = type.getMethod("parse", argument);
                if (Modifier.isStatic(m.getModifiers()) && type.isAssignableFrom(m.getReturnType())) {
                    m.trySetAccessible();
                    return m;
                }
            } catch (NoSuchMethodException e) {
                // try the next form
            }
        }
        return null;
    }

    private static List<String> enumKeys(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> Names.enumKey((Enum<?>) c)).toList();
    }

    /** How a type reads in "expected ..." messages. */
    static String expected(Type type) {
        Class<?> raw = rawClass(type);
        if (raw == String.class) {
            return "a string";
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return "an integer";
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return "a number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "true or false";
        }
        if (raw == Path.class) {
            return "a path";
        }
        if (raw.isEnum()) {
            return "one of: " + String.join(", ", enumKeys(raw));
        }
        if (raw == List.class) {
            return "a list";
        }
        if (parseMethod(raw) == null && (raw.isRecord() || raw == Map.class)) {
            return "a mapping";
        }
        return "a value";
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof WildcardType w) {
            return rawClass(w.getUpperBounds()[0]);
        }
        throw new IllegalStateException("the config binder does not support the type " + type.getTypeName());
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            Type argument = p.getActualTypeArguments()[index];
            return argument instanceof WildcardType w ? w.getUpperBounds()[0] : argument;
        }
        return Object.class;
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String join(String path, String relative) {
        if (relative.isEmpty()) {
            return path;
        }
        if (path.isEmpty()) {
            return relative;
        }
        return relative.startsWith("[") ? path + relative : path + "." + relative;
    }

    /** The position of {@code path}, or of its nearest ancestor that was written in the file. */
    private Position positionOf(String path, Position fallback) {
        String p = path;
        while (!p.isEmpty()) {
            Position at = positions.get(p);
            if (at != null) {
                return at;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return positions.getOrDefault("", fallback);
    }

    private Object fail(Position at, String path, String message) {
        error(at, path, message);
        return FAILED;
    }

    private void error(Position at, String path, String message) {
        errors.add(new ConfigError(file, at.line(), at.column(), path, message));
    }
}
