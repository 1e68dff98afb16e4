package dev.loupe.render.heatmap;

import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a (C, H, W) input attribution becomes one (H, W) map to display. Gradient maps are signed
 * per colour channel; which summary is right depends on the question asked, so it is a named
 * choice recorded in the run's provenance.
 */
@Experimental
public enum ChannelReduction {
    /** max over channels of |v|: the usual saliency display (Simonyan et al.), the default. */
    ABS_MAX("abs-max"),
    /** sum over channels of |v|. */
    ABS_SUM("abs-sum"),
    /** signed sum over channels, e.g. for Integrated Gradients' completeness view. */
    SUM("sum"),
    /** Euclidean norm over channels. */
    L2("l2");

    private final String id;

    ChannelReduction(String id) {
        this.id = id;
    }

    /** The name used in configuration files and reports. */
    public String id() {
        return id;
    }

    public static ChannelReduction byName(String name) {
        for (ChannelReduction r : values()) {
            if (r.id.equals(name.strip().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("Unknown channel reduction '" + name + "'. Known: "
                + Arrays.stream(values()).map(ChannelReduction::id).collect(Collectors.joining(", ")));
    }

    /** Reduces a (C, H, W) array over its first axis to (H, W). */
    public FloatArray apply(FloatArray chw) {
        long[] shape = chw.shape();
        if (shape.length != 3) {
            throw new IllegalArgumentException("channel reduction needs a (C, H, W) array, got shape "
                    + Arrays.toString(shape));
        }
        int channels = Math.toIntExact(shape[0]);
        int plane = Math.toIntExact(shape[1] * shape[2]);
        float[] in = chw.data();
        float[] out = new float[plane];
        for (int i = 0; i < plane; i++) {
            float acc = 0f;
            for (int c = 0; c < channels; c++) {
                float v = in[c * plane + i];
                acc = switch (this) {
                    case ABS_MAX -> Math.max(acc, Math.abs(v));
                    case ABS_SUM -> acc + Math.abs(v);
                    case SUM -> acc + v;
                    case L2 -> acc + v * v;
                };
            }
            out[i] = this == L2 ? (float) Math.sqrt(acc) : acc;
        }
        return new FloatArray(out, new long[] {shape[1], shape[2]});
    }

    @Override
    public String toString() {
        return id;
    }
}
