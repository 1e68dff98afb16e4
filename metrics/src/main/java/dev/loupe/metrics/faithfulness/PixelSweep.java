package dev.loupe.metrics.faithfulness;

import dev.loupe.core.evaluate.Curve;
import dev.loupe.core.evaluate.EvaluationContext;
import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.evaluate.MetricScore;
import dev.loupe.metrics.BatchedScores;
import dev.loupe.metrics.MapPlane;
import dev.loupe.metrics.PixelRanking;
import dev.loupe.metrics.ScoreKind;
import dev.loupe.metrics.Trapezoid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deletion and insertion (Petsiuk et al. 2018). Pixels (all channels of one position together)
 * are ranked by the map, most relevant first. Deletion starts from the image and replaces
 * pixels with the baseline in that order; insertion starts from the baseline and puts the
 * image's pixels back in that order. After step k of {@code steps}, floor(k N / steps) of the N
 * pixels have changed; the curve is the score of the target at each step (steps + 1 points,
 * x = the fraction of pixels changed, in [0, 1]) and the value is its area by the trapezoid rule.
 */
record PixelSweep(boolean insertion, int steps, Baseline baseline, double sigma, ScoreKind score,
        MapPlane.Reduction reduction) implements Metric {

    @Override
    public List<MetricScore> evaluate(EvaluationContext context) {
        long[] chw = BatchedScores.shape(context);
        int channels = (int) chw[0];
        int height = (int) chw[1];
        int width = (int) chw[2];
        List<MetricScore> scores = new ArrayList<>();
        for (int b = 0; b < context.targets().length; b++) {
            float[] image = BatchedScores.image(context, b);
            float[] base = baseline.of(image, channels, height, width, sigma);
            int[] order = PixelRanking.descending(MapPlane.of(context.attributions().get(b), height, width, reduction));
            List<float[]> perturbed = sweep(image, base, order, channels, height * width);
            double[] y = BatchedScores.of(context, perturbed, chw, context.targets()[b], score);
            double[] x = fractions(height * width);
            String name = insertion ? "insertion" : "deletion";
            Curve curve = new Curve(name, "fraction of pixels " + (insertion ? "inserted" : "removed"), score.label(), x, y);
            scores.add(new MetricScore(Trapezoid.area(x, y), Map.of(), List.of(curve), null));
        }
        return scores;
    }

    /** The steps + 1 images of the sweep, made incrementally from one another. */
    List<float[]> sweep(float[] image, float[] base, int[] order, int channels, int pixels) {
        float[] from = insertion ? base : image;
        float[] to = insertion ? image : base;
        List<float[]> out = new ArrayList<>(steps + 1);
        float[] current = from.clone();
        out.add(current.clone());
        int done = 0;
        for (int k = 1; k <= steps; k++) {
            int until = changed(k, pixels);
            for (; done < until; done++) {
                int p = order[done];
                for (int c = 0; c < channels; c++) {
                    current[c * pixels + p] = to[c * pixels + p];
                }
            }
            out.add(current.clone());
        }
        return out;
    }

    private int changed(int step, int pixels) {
        return (int) ((long) step * pixels / steps);
    }

    private double[] fractions(int pixels) {
        double[] x = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            x[k] = (double) changed(k, pixels) / pixels;
        }
        return x;
    }
}
