package dev.loupe.render.heatmap;

import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;

/**
 * The mapping from map values to the colour scale's [0, 1]. Not centred:
 * {@code (v - low) / (high - low + 1e-7)} clipped to [0, 1] (pytorch-grad-cam's min-max when
 * low and high are the map's minimum and maximum). Centred (signed maps):
 * {@code 0.5 + 0.5 * clip(v / high, -1, 1)}, so 0 is the middle of a diverging colormap;
 * {@code high == 0} (an all-zero map) gives 0.5 everywhere.
 */
@Experimental
public record Scale(double low, double high, boolean centred) {

    public Scale {
        if (!Double.isFinite(low) || !Double.isFinite(high) || high < low) {
            throw new IllegalArgumentException("a scale needs finite low <= high, got " + low + ", " + high);
        }
    }

    /** The values mapped to [0, 1], same shape. */
    public FloatArray apply(FloatArray map) {
        float[] in = map.data();
        float[] out = new float[in.length];
        if (centred) {
            for (int i = 0; i < in.length; i++) {
                double r = high > 0 ? in[i] / high : 0;
                out[i] = (float) (0.5 + 0.5 * Math.min(1, Math.max(-1, r)));
            }
        } else {
            // in double, as MinMaxNormalization, so that per-image min-max is bit-identical with it
            double range = high - low + MinMaxNormalization.EPSILON;
            for (int i = 0; i < in.length; i++) {
                out[i] = (float) Math.min(1, Math.max(0, (in[i] - low) / range));
            }
        }
        return new FloatArray(out, map.shape());
    }
}
