package dev.loupe.render.heatmap;

import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import java.util.List;

/**
 * How the {@link Scale} is found from the maps that share it (one map, a batch, or one image's
 * methods).
 *
 * <ul>
 *   <li>{@code clipPercentile} empty: min-max. The lowest and highest value; for a centred
 *       (signed) map, {@code max |v|}.
 *   <li>{@code clipPercentile} p: Captum's {@code visualize_image_attr}: low 0, high the
 *       {@link CumulativeThreshold} of |v| at p (Captum's default {@code outlier_perc = 2} is
 *       p = 98); values above it clip.
 * </ul>
 *
 * @param clipPercentile in (0, 100], or {@code null} for min-max
 */
@Experimental
public record ScaleRule(Double clipPercentile) {

    public ScaleRule {
        if (clipPercentile != null && !(clipPercentile > 0 && clipPercentile <= 100)) {
            throw new IllegalArgumentException("clip percentile must be in (0, 100], got " + clipPercentile);
        }
    }

    public static ScaleRule minMax() {
        return new ScaleRule(null);
    }

    public static ScaleRule clip(double percentile) {
        return new ScaleRule(percentile);
    }

    /** For provenance: {@code min-max} or {@code clip-percentile 98.0 (captum cumulative-sum threshold)}. */
    public String describe() {
        return clipPercentile == null ? "min-max"
                : "clip-percentile " + clipPercentile + " (captum cumulative-sum threshold of |v|)";
    }

    /**
     * @param maps the maps, after sign handling, that are to share one scale
     * @throws IllegalArgumentException if a map holds NaN or infinity
     */
    public Scale scaleOf(List<FloatArray> maps, boolean centred) {
        int total = 0;
        for (FloatArray m : maps) {
            total += m.size();
        }
        if (total == 0) {
            throw new IllegalArgumentException("cannot scale empty maps");
        }
        float[] all = new float[total];
        int at = 0;
        for (FloatArray m : maps) {
            for (float v : m.data()) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("the attribution map holds NaN or infinite values (" + v
                            + "); it cannot be normalised. Check the method's output: the model may produce"
                            + " non-finite gradients");
                }
                all[at++] = v;
            }
        }
        if (clipPercentile != null) {
            float[] abs = new float[all.length];
            for (int i = 0; i < all.length; i++) {
                abs[i] = Math.abs(all[i]);
            }
            return new Scale(0, CumulativeThreshold.of(abs, clipPercentile), centred);
        }
        if (centred) {
            double max = 0;
            for (float v : all) {
                max = Math.max(max, Math.abs(v));
            }
            return new Scale(0, max, true);
        }
        float min = all[0];
        float max = all[0];
        for (float v : all) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new Scale(min, max, false);
    }
}
