package dev.loupe.cli.config;

import dev.loupe.core.explain.Target;
import dev.loupe.core.stability.Internal;
import java.util.List;
import java.util.Map;

/**
 * The {@code target:} of a run, from one scalar: {@code top} (the default: each image's highest
 * scoring class), an integer {@code >= 0} (a class index), or any other string (a class label,
 * looked up in {@code model.labels}). A quoted number such as {@code "3"} is a label. A class
 * literally named {@code top} cannot be asked for by label.
 */
@Internal
public sealed interface TargetSpec permits TargetSpec.Top, TargetSpec.Index, TargetSpec.Label {

    String TOP = "top";

    /** The class the model scores highest for each image. */
    record Top() implements TargetSpec {
        @Override
        public Target toTarget() {
            return Target.top();
        }

        @Override
        public String toString() {
            return TOP;
        }
    }

    /** A class by its index in the model's output. */
    record Index(int index) implements TargetSpec {
        public Index {
            if (index < 0) {
                throw new IllegalArgumentException("value out of range: a class index must be >= 0, got " + index);
            }
        }

        @Override
        public Target toTarget() {
            return Target.index(index);
        }

        @Override
        public String toString() {
            return Integer.toString(index);
        }
    }

    /** A class by its name in the labels file. */
    record Label(String label) implements TargetSpec {
        public Label {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("a class label must not be empty");
            }
        }

        @Override
        public Target toTarget() {
            return Target.label(label);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The same target in core's terms. */
    Target toTarget();

    static TargetSpec top() {
        return new Top();
    }

    static TargetSpec index(int index) {
        return new Index(index);
    }

    static TargetSpec label(String label) {
        return new Label(label);
    }

    /** What {@link #parse} accepts, for the config's JSON Schema. */
    static Map<String, Object> jsonSchema() {
        return ConfigSchema.map("anyOf", List.of(
                ConfigSchema.map("const", TOP, "description", "the top-scoring class"),
                ConfigSchema.map("type", "integer", "minimum", 0, "description", "a class index"),
                ConfigSchema.map("type", "string", "minLength", 1, "description", "a class label (needs model.labels)")));
    }

    /**
     * From a plain YAML value (see {@link ConfigLoader}): a Long is an index, the string
     * {@code top} is {@link Top}, any other string a label.
     *
     * @throws IllegalArgumentException with a message for the user, for anything else
     */
    static TargetSpec parse(Object value) {
        if (value instanceof Long n) {
            if (n < 0) {
                throw new IllegalArgumentException("value out of range: a class index must be >= 0, got " + n);
            }
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("value out of range: " + n + " does not fit in an int");
            }
            return index(n.intValue());
        }
        if (value instanceof String s) {
            return TOP.equals(s) ? top() : label(s);
        }
        throw new IllegalArgumentException("expected 'top', a class index (an integer >= 0) or a class label, got "
                + Names.describe(value));
    }
}
