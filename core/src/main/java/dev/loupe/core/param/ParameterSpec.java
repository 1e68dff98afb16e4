package dev.loupe.core.param;

import dev.loupe.core.stability.Stable;
import dev.loupe.core.text.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters a method declares. Validation is strict, as in Lucene's analysis factories:
 * every given value must be consumed by a declared parameter and fit its type and range, and
 * every problem is reported at once.
 */
@Stable
public final class ParameterSpec {

    private final Map<String, ParameterDef> defs = new LinkedHashMap<>();

    public ParameterSpec(List<ParameterDef> defs) {
        for (ParameterDef def : defs) {
            if (this.defs.put(def.name(), def) != null) {
                throw new IllegalArgumentException("parameter '" + def.name() + "' declared twice");
            }
        }
    }

    public static ParameterSpec of(ParameterDef... defs) {
        return new ParameterSpec(List.of(defs));
    }

    public List<ParameterDef> definitions() {
        return List.copyOf(defs.values());
    }

    public boolean declares(String name) {
        return defs.containsKey(name);
    }

    /**
     * Checks and converts {@code given} (values as YAML or {@code key=value} flags produce them:
     * String, Integer/Long, Double, Boolean) and fills in defaults.
     */
    public Parameters validate(String method, Map<String, ?> given) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterDef def : defs.values()) {
            values.put(def.name(), def.defaultValue());
        }
        for (Map.Entry<String, ?> entry : given.entrySet()) {
            ParameterDef def = defs.get(entry.getKey());
            if (def == null) {
                problems.add(unknown(entry.getKey()));
                continue;
            }
            try {
                values.put(def.name(), convert(def, entry.getValue()));
            } catch (IllegalArgumentException e) {
                problems.add("'" + def.name() + "': " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ParameterException(method, problems);
        }
        return new Parameters(values);
    }

    private String unknown(String name) {
        String valid = defs.isEmpty() ? "this method takes no parameters" : "valid parameters: " + String.join(", ", defs.keySet());
        return "unknown parameter '" + name + "'." + Suggestions.didYouMean(name, defs.keySet()) + " (" + valid + ")";
    }

    private static Object convert(ParameterDef def, Object raw) {
        if (raw == null) {
            throw new IllegalArgumentException("no value given; expected " + def.accepts());
        }
        Object value = switch (def.type()) {
            case INTEGER -> toLong(raw, def);
            case NUMBER -> toDouble(raw, def);
            case BOOLEAN -> toBoolean(raw, def);
            case STRING, LAYER -> scalarString(raw, def);
            case CHOICE -> toChoice(raw, def);
        };
        if (value instanceof Number n) {
            double v = n.doubleValue();
            if (def.min() != null && v < def.min() || def.max() != null && v > def.max()) {
                throw new IllegalArgumentException("expected " + def.accepts() + ", got " + raw);
            }
        }
        return value;
    }

    private static Long toLong(Object raw, ParameterDef def) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                // falls through to the type error below
            }
        }
        throw typeError(raw, def);
    }

    private static Double toDouble(Object raw, ParameterDef def) {
        if (raw instanceof Number n) {
            // YAML's .nan and .inf: NaN would slip through every range check
            if (Double.isFinite(n.doubleValue())) {
                return n.doubleValue();
            }
            throw typeError(raw, def);
        }
        if (raw instanceof String s) {
            try {
                double v = Double.parseDouble(s.trim());
                if (Double.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // falls through to the type error below
            }
        }
        throw typeError(raw, def);
    }

    private static Boolean toBoolean(Object raw, ParameterDef def) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return Boolean.parseBoolean(t);
            }
        }
        throw typeError(raw, def);
    }

    private static String scalarString(Object raw, ParameterDef def) {
        if (raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
            String s = raw.toString().trim();
            if (!s.isEmpty()) {
                return s;
            }
        }
        throw typeError(raw, def);
    }

    private static String toChoice(Object raw, ParameterDef def) {
        String s = scalarString(raw, def).toLowerCase(Locale.ROOT);
        if (!def.choices().contains(s)) {
            throw new IllegalArgumentException("expected " + def.accepts() + ", got '" + raw + "'."
                    + Suggestions.didYouMean(s, def.choices()));
        }
        return s;
    }

    private static IllegalArgumentException typeError(Object raw, ParameterDef def) {
        String shown = raw instanceof String ? "'" + raw + "'" : String.valueOf(raw);
        return new IllegalArgumentException("expected " + def.accepts() + ", got " + shown);
    }
}
