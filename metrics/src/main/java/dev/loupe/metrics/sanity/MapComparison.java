package dev.loupe.metrics.sanity;

import dev.loupe.core.explain.Attribution;
import dev.loupe.core.tensor.FloatArray;

/**
 * How an original and a changed attribution map are compared. Both are first reduced to one
 * (h, w) plane: an input map (C, h, w) by summing over channels (of |a| when {@code absolute},
 * else of the signed values, so that opposite signs across channels may cancel); a layer map
 * (h, w) as it is, or its |a|. Spearman's rank correlation is taken over the plane's pixels; SSIM
 * over the two planes each min-max normalised to [0, 1] (a constant plane becomes all zeros).
 *
 * <p>A constant plane has no ranking: when only the changed map is constant the correlation is
 * counted as 0 (nothing of the original ranking survived), and when both are constant as 1
 * (nothing changed); an original constant map makes the comparison not applicable.
 */
record MapComparison(double spearman, double ssim) {

    /** The plane of {@code attribution} as doubles, with its height and width. */
    record Plane(double[] values, int h, int w) {

        boolean constant() {
            for (double v : values) {
                if (v != values[0]) {
                    return false;
                }
            }
            return true;
        }
    }

    static Plane plane(Attribution attribution, boolean absolute) {
        FloatArray map = attribution.map();
        int h = (int) map.dim(map.rank() - 2);
        int w = (int) map.dim(map.rank() - 1);
        int channels = map.rank() == 3 ? (int) map.dim(0) : 1;
        double[] plane = new double[h * w];
        float[] data = map.data();
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < h * w; i++) {
                float v = data[c * h * w + i];
                plane[i] += absolute ? Math.abs(v) : v;
            }
        }
        return new Plane(plane, h, w);
    }

    static MapComparison compare(Plane original, Plane changed) {
        if (original.h() != changed.h() || original.w() != changed.w()) {
            throw new IllegalStateException("the explainer returned a " + changed.h() + "x" + changed.w()
                    + " map where it first returned " + original.h() + "x" + original.w());
        }
        double rho;
        if (changed.constant()) {
            rho = original.constant() ? 1 : 0;
        } else {
            rho = SpearmanCorrelation.of(original.values(), changed.values());
        }
        double ssim = Ssim.of(unit(original.values()), unit(changed.values()), original.h(), original.w());
        return new MapComparison(rho, ssim);
    }

    /** Min-max normalised to [0, 1]; all zeros when constant. */
    static double[] unit(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double[] result = new double[values.length];
        if (max > min) {
            for (int i = 0; i < values.length; i++) {
                result[i] = (values[i] - min) / (max - min);
            }
        }
        return result;
    }
}
