package dev.loupe.cli.config;

import java.util.List;

/**
 * A parsed YAML value that remembers where it was written (Jackson's {@code JsonNode} forgets).
 * Built by {@link YamlTreeReader}; aliases share the anchored node, positions included.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Sequence, YamlNode.Mapping {

    /** 1-based line and column where the value starts. */
    Position position();

    record Position(int line, int column) {
        static final Position START = new Position(1, 1);
    }

    /**
     * A scalar as written ({@code text}) and as YAML reads it ({@code value}): a String, Long,
     * BigInteger (too big for a long), Double, Boolean, or null for "no value" ({@code ~},
     * {@code null}, or nothing after the colon). {@code quoted} when written in quotes, which makes
     * {@code "5"} a string.
     */
    record Scalar(Position position, String text, Object value, boolean quoted) implements YamlNode {

        /** The value of a node already reported as broken (an unknown alias): binds to nothing, silently. */
        static final Object BROKEN = new Object() {
            @Override
            public String toString() {
                return "<broken>";
            }
        };

        boolean isNull() {
            return value == null;
        }

        boolean isBroken() {
            return value == BROKEN;
        }
    }

    record Sequence(Position position, List<YamlNode> items) implements YamlNode {
    }

    /** {@code keyPosition} is where the key is written, for "unknown key" and "missing" errors. */
    record Entry(String key, Position keyPosition, YamlNode value) {
    }

    /** Entries in file order; keys are unique (a duplicate is reported and dropped). */
    record Mapping(Position position, List<Entry> entries) implements YamlNode {

        Entry get(String key) {
            for (Entry entry : entries) {
                if (entry.key().equals(key)) {
                    return entry;
                }
            }
            return null;
        }
    }
}
