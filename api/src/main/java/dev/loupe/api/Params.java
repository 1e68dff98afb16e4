package dev.loupe.api;

import dev.loupe.core.stability.Experimental;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A method's parameters, typed at the call site: {@code Params.of("layer", "layer4").with("relu", false)}.
 * Values are checked against the method's declared {@link dev.loupe.core.param.ParameterSpec} when the
 * explainer is created (unknown names, wrong types and out-of-range values are reported together,
 * with the valid names); {@link LoupeModel#parameters(String)} lists them with their defaults.
 * Immutable: every {@code with} returns a new instance.
 */
@Experimental
public final class Params {

    private static final Params NONE = new Params(Map.of());

    private final Map<String, Object> values;

    private Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** No parameters: every default. */
    public static Params none() {
        return NONE;
    }

    public static Params of(String name, String value) {
        return NONE.with(name, value);
    }

    public static Params of(String name, long value) {
        return NONE.with(name, value);
    }

    public static Params of(String name, double value) {
        return NONE.with(name, value);
    }

    public static Params of(String name, boolean value) {
        return NONE.with(name, value);
    }

    public Params with(String name, String value) {
        return put(name, Objects.requireNonNull(value, "value"));
    }

    public Params with(String name, long value) {
        return put(name, value);
    }

    public Params with(String name, double value) {
        return put(name, value);
    }

    public Params with(String name, boolean value) {
        return put(name, value);
    }

    private Params put(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new Params(copy);
    }

    /** The values as given, in the order given. */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && values.equals(p.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
