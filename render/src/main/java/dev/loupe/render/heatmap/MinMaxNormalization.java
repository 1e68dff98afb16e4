package dev.loupe.render.heatmap;

import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import java.util.Arrays;

/**
 * Per-map min-max scaling to [0, 1] as pytorch-grad-cam's {@code scale_cam_image}:
 * {@code (x - min) / (max - min + 1e-7)}. The epsilon makes a constant map all zeros instead of
 * NaN.
 */
@Experimental
public final class MinMaxNormalization {

    /** pytorch-grad-cam's epsilon. */
    public static final double EPSILON = 1e-7;

    private MinMaxNormalization() {}

    /**
     * Returns a new array of the same shape scaled to [0, 1].
     *
     * @throws IllegalArgumentException if the map holds NaN or infinity: such a map is a bug in
     *     the method or an exploding gradient, and drawing it would hide that
     */
    public static FloatArray apply(FloatArray map) {
        float[] in = map.data();
        if (in.length == 0) {
            throw new IllegalArgumentException("cannot normalise an empty map of shape "
                    + Arrays.toString(map.shape()));
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        int bad = 0;
        int firstBad = -1;
        for (int i = 0; i < in.length; i++) {
            float v = in[i];
            if (!Float.isFinite(v)) {
                if (bad++ == 0) {
                    firstBad = i;
                }
                continue;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (bad > 0) {
            throw new IllegalArgumentException("the attribution map holds " + bad + " NaN or infinite values (first: "
                    + in[firstBad] + " at flat index " + firstBad + "); it cannot be normalised. "
                    + "Check the method's output: the model may produce non-finite gradients");
        }
        // In double so that a range near Float.MAX_VALUE cannot overflow to infinity.
        double range = (double) max - min + EPSILON;
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) ((in[i] - (double) min) / range);
        }
        return new FloatArray(out, map.shape());
    }
}
