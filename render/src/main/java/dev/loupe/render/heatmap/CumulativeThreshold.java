package dev.loupe.render.heatmap;

import dev.loupe.core.stability.Experimental;
import java.util.Arrays;

/**
 * Captum's {@code _cumulative_sum_threshold}, the scale of {@code visualize_image_attr}: sort
 * the (non-negative) values, and take the first one at which the running sum reaches
 * {@code percentile} % of the total. With Captum's default {@code outlier_perc = 2} that is 98:
 * the few largest values that carry the last 2 % of the mass are clipped. This is not the 98th
 * quantile: one huge value among many small ones is itself the threshold.
 */
@Experimental
public final class CumulativeThreshold {

    private CumulativeThreshold() {}

    /**
     * @param values non-negative, not empty
     * @param percentile in (0, 100]
     */
    public static double of(float[] values, double percentile) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
        }
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        // np.cumsum of a float32 array accumulates in float32 (pairwise only for sum, not cumsum)
        float[] cumulative = new float[sorted.length];
        float running = 0f;
        for (int i = 0; i < sorted.length; i++) {
            running += sorted[i];
            cumulative[i] = running;
        }
        double target = cumulative[sorted.length - 1] * 0.01 * percentile;
        for (int i = 0; i < sorted.length; i++) {
            if (cumulative[i] >= target) {
                return sorted[i];
            }
        }
        return sorted[sorted.length - 1];
    }
}
