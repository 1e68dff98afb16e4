package dev.loupe.examples.plugin;

import dev.loupe.core.evaluate.EvaluationContext;
import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.evaluate.MetricScore;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.tensor.FloatArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One configured sparseness metric; see {@link SparsenessProvider}. */
final class Sparseness implements Metric {

    private final boolean absMax;

    Sparseness(boolean absMax) {
        this.absMax = absMax;
    }

    @Override
    public List<MetricScore> evaluate(EvaluationContext context) {
        List<MetricScore> scores = new ArrayList<>();
        for (Attribution attribution : context.attributions()) {
            double[] magnitudes = perPixel(attribution.map());
            double gini = gini(magnitudes);
            scores.add(Double.isNaN(gini) ? MetricScore.notApplicable("the map is zero everywhere") : MetricScore.of(gini));
        }
        return scores;
    }

    /** |v| per pixel: summed or maxed over channels for (C, H, W) maps; (h, w) maps as they are. */
    private double[] perPixel(FloatArray map) {
        float[] v = map.data();
        int channels = map.rank() == 3 ? (int) map.dim(0) : 1;
        int pixels = v.length / channels;
        double[] out = new double[pixels];
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < pixels; p++) {
                double a = Math.abs(v[c * pixels + p]);
                out[p] = absMax ? Math.max(out[p], a) : out[p] + a;
            }
        }
        return out;
    }

    /** Gini index of non-negative values: sum_i (2i - n - 1) a_(i) / (n sum a), a sorted ascending, i from 1. */
    static double gini(double[] values) {
        double[] a = values.clone();
        Arrays.sort(a);
        int n = a.length;
        double total = 0;
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            total += a[i];
            weighted += (2.0 * (i + 1) - n - 1) * a[i];
        }
        return total == 0 ? Double.NaN : weighted / (n * total);
    }
}
