package dev.loupe.core.param;

import dev.loupe.core.stability.Stable;

/** The types a method parameter can have. Values from YAML or {@code key=value} flags are coerced. */
@Stable
public enum ParameterType {
    INTEGER("an integer"),
    NUMBER("a number"),
    BOOLEAN("true or false"),
    STRING("a string"),
    /** One of a fixed set of lower-case words. */
    CHOICE("one of the listed values"),
    /** A layer path as PyTorch prints it, or {@code auto}. */
    LAYER("a layer name");

    private final String description;

    ParameterType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
