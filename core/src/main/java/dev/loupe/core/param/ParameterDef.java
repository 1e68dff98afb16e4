package dev.loupe.core.param;

import dev.loupe.core.stability.Stable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One declared parameter of a method: its name ({@code ^[a-z][a-z0-9-]*$}), type, default
 * (never null: every parameter has one, so a run's provenance can list them all), description,
 * and, for numbers, an inclusive range; for choices, the allowed words.
 */
@Stable
public record ParameterDef(
        String name, ParameterType type, Object defaultValue, String description,
        Double min, Double max, List<String> choices) {

    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]*$");

    public ParameterDef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("parameter name '" + name + "' must match " + NAME.pattern());
        }
        choices = List.copyOf(choices);
        defaultValue = typedDefault(name, type, defaultValue);
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("range [" + min + ", " + max + "] of '" + name + "' is empty");
        }
        if (defaultValue instanceof Number n
                && (min != null && n.doubleValue() < min || max != null && n.doubleValue() > max)) {
            throw new IllegalArgumentException("default " + defaultValue + " of '" + name + "' is outside ["
                    + min + ", " + max + "]");
        }
        if (type == ParameterType.CHOICE) {
            for (String choice : choices) {
                if (!choice.equals(choice.toLowerCase(Locale.ROOT))) {
                    // values are lower-cased before matching, so an upper-case choice could never be chosen
                    throw new IllegalArgumentException("choice '" + choice + "' of '" + name + "' must be lower case");
                }
            }
            if (!choices.contains(defaultValue)) {
                throw new IllegalArgumentException("default '" + defaultValue + "' of '" + name + "' is not one of " + choices);
            }
        }
    }

    /**
     * The default as {@link Parameters} hands values out (INTEGER as Long, NUMBER as Double, ...),
     * so that an unset parameter reads like a set one.
     */
    private static Object typedDefault(String name, ParameterType type, Object value) {
        Object typed = switch (type) {
            case INTEGER -> value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                    ? (Object) ((Number) value).longValue() : null;
            case NUMBER -> value instanceof Number n && Double.isFinite(n.doubleValue()) ? (Object) n.doubleValue() : null;
            case BOOLEAN -> value instanceof Boolean ? value : null;
            case STRING, CHOICE, LAYER -> value instanceof String ? value : null;
        };
        if (typed == null) {
            throw new IllegalArgumentException("default " + value + " (" + value.getClass().getSimpleName() + ") of '"
                    + name + "' is not " + type.description());
        }
        return typed;
    }

    public static ParameterDef integer(String name, int defaultValue, int min, int max, String description) {
        return new ParameterDef(name, ParameterType.INTEGER, (long) defaultValue, description, (double) min, (double) max, List.of());
    }

    public static ParameterDef number(String name, double defaultValue, double min, double max, String description) {
        return new ParameterDef(name, ParameterType.NUMBER, defaultValue, description, min, max, List.of());
    }

    public static ParameterDef flag(String name, boolean defaultValue, String description) {
        return new ParameterDef(name, ParameterType.BOOLEAN, defaultValue, description, null, null, List.of());
    }

    public static ParameterDef string(String name, String defaultValue, String description) {
        return new ParameterDef(name, ParameterType.STRING, defaultValue, description, null, null, List.of());
    }

    public static ParameterDef choice(String name, String defaultValue, List<String> choices, String description) {
        return new ParameterDef(name, ParameterType.CHOICE, defaultValue, description, null, null, choices);
    }

    public static ParameterDef layer(String name, String description) {
        return new ParameterDef(name, ParameterType.LAYER, "auto", description, null, null, List.of());
    }

    /** What the parameter accepts, in words, for error messages and {@code loupe methods}. */
    public String accepts() {
        if (type == ParameterType.CHOICE) {
            return "one of " + String.join(", ", choices);
        }
        if (min != null && max != null) {
            return type.description() + " in [" + format(min) + ", " + format(max) + "]";
        }
        if (min != null) {
            return type.description() + " >= " + format(min);
        }
        if (max != null) {
            return type.description() + " <= " + format(max);
        }
        return type.description();
    }

    private String format(double v) {
        if (v == Double.MAX_VALUE || v == Integer.MAX_VALUE) {
            return "inf";
        }
        return type == ParameterType.INTEGER ? Long.toString((long) v) : Double.toString(v);
    }
}
