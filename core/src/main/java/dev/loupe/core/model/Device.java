package dev.loupe.core.model;

import dev.loupe.core.stability.Stable;
import dev.loupe.core.text.Suggestions;
import java.util.List;
import java.util.Locale;

/**
 * Where a backend runs the model: {@code cpu}, {@code gpu:N} (the GPU with index N; {@code gpu}
 * is {@code gpu:0}) or {@code auto} (the first GPU when the backend finds one, else the CPU).
 * {@link #toString()} gives the canonical text, which {@link #parse} reads back.
 */
@Stable
public final class Device {

    /** What kind of device; a GPU also has an {@link #index()}. */
    public enum Kind { CPU, GPU, AUTO }

    public static final Device CPU = new Device(Kind.CPU, -1);
    public static final Device AUTO = new Device(Kind.AUTO, -1);

    /** The accepted forms, for messages. */
    public static final String FORMS = "cpu, auto, gpu, gpu:0, gpu:1, ...";

    private static final List<String> WORDS = List.of("cpu", "gpu", "auto");

    private final Kind kind;
    private final int index;

    private Device(Kind kind, int index) {
        this.kind = kind;
        this.index = index;
    }

    /** The GPU with index {@code index} (0 is the first). */
    public static Device gpu(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("a GPU index must be >= 0, got " + index);
        }
        return new Device(Kind.GPU, index);
    }

    /**
     * Reads {@code cpu}, {@code gpu}, {@code gpu:N} or {@code auto} (any letter case).
     *
     * @throws IllegalArgumentException naming the accepted forms, with a "did you mean" where
     *                                  one is close ({@code cuda:1} -> {@code gpu:1})
     */
    public static Device parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        String word = colon < 0 ? t : t.substring(0, colon);
        String suffix = colon < 0 ? null : t.substring(colon + 1);
        if (suffix == null) {
            switch (word) {
                case "cpu":
                    return CPU;
                case "auto":
                    return AUTO;
                case "gpu":
                    return gpu(0);
                default:
                    throw unknown(text, suggestion(word, null));
            }
        }
        if (!word.equals("gpu")) {
            throw unknown(text, suggestion(word, suffix));
        }
        if (!digits(suffix)) {
            throw new IllegalArgumentException("bad GPU index in '" + text + "': expected a whole number >= 0 after"
                    + " 'gpu:' (valid values: " + FORMS + ")");
        }
        try {
            return gpu(Integer.parseInt(suffix));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GPU index too large in '" + text + "' (valid values: " + FORMS + ")");
        }
    }

    /** The closest accepted form, or null; PyTorch's {@code cuda} means a GPU here. */
    private static String suggestion(String word, String suffix) {
        String close = word.equals("cuda") ? "gpu"
                : Suggestions.closest(word, WORDS, 1).stream().findFirst().orElse(null);
        if (close == null || suffix == null) {
            return close;
        }
        // an index only fits a GPU: 'cuda:1' -> 'gpu:1', 'cpu:0' -> 'cpu'
        return close.equals("gpu") && digits(suffix) ? "gpu:" + suffix : close;
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static IllegalArgumentException unknown(String text, String suggestion) {
        String start = "unknown value '" + text + "', ";
        return new IllegalArgumentException(suggestion == null ? start + "valid values: " + FORMS
                : start + "did you mean '" + suggestion + "'? (valid values: " + FORMS + ")");
    }

    public Kind kind() {
        return kind;
    }

    /** The GPU's index; -1 for {@code cpu} and {@code auto}. */
    public int index() {
        return index;
    }

    public boolean isGpu() {
        return kind == Kind.GPU;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Device d && d.kind == kind && d.index == index;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + index;
    }

    /** {@code cpu}, {@code auto} or {@code gpu:N}. */
    @Override
    public String toString() {
        return kind == Kind.GPU ? "gpu:" + index : kind.name().toLowerCase(Locale.ROOT);
    }
}
