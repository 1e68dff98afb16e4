package dev.loupe.cli.config;

import dev.loupe.core.stability.Internal;
import java.util.List;
import java.util.Map;

/**
 * An image size written either as one integer ({@code 96}) or as {@code [height, width]}.
 * {@link #single()} tells which: the preprocessing steps read a single number their own way
 * ({@code resize: 96} sets the shorter side and keeps the aspect ratio, like torchvision's
 * {@code Resize(int)}; {@code center-crop: 96} crops a 96 x 96 square), while
 * {@code [height, width]} is always exact. For a single number, height == width == it.
 */
@Internal
public record Size(int height, int width, boolean single) {

    public Size {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("value out of range: sizes must be > 0, got "
                    + (single ? Integer.toString(height) : "[" + height + ", " + width + "]"));
        }
    }

    /** One number: {@code resize: 96}. */
    public static Size of(int side) {
        return new Size(side, side, true);
    }

    /** {@code [height, width]}. */
    public static Size of(int height, int width) {
        return new Size(height, width, false);
    }

    /** What {@link #parse} accepts, for the config's JSON Schema. */
    static Map<String, Object> jsonSchema() {
        Map<String, Object> side = ConfigSchema.map("type", "integer", "minimum", 1);
        return ConfigSchema.map("anyOf", List.of(side,
                ConfigSchema.map("type", "array", "items", side, "minItems", 2, "maxItems", 2,
                        "description", "[height, width]")));
    }

    /**
     * From a plain YAML value: a Long, or a list of two Longs.
     *
     * @throws IllegalArgumentException with a message for the user, for anything else
     */
    public static Size parse(Object value) {
        if (value instanceof Long n) {
            return of(checked(n));
        }
        if (value instanceof List<?> list && list.size() == 2
                && list.get(0) instanceof Long h && list.get(1) instanceof Long w) {
            return of(checked(h), checked(w));
        }
        throw new IllegalArgumentException("expected an integer or [height, width], got " + Names.describe(value));
    }

    private static int checked(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("value out of range: sizes must be > 0, got " + n);
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("value out of range: " + n + " does not fit in an int");
        }
        return (int) n;
    }

    @Override
    public String toString() {
        return single ? Integer.toString(height) : "[" + height + ", " + width + "]";
    }
}
