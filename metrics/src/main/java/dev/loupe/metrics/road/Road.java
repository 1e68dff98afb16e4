package dev.loupe.metrics.road;

import dev.loupe.core.evaluate.Curve;
import dev.loupe.core.evaluate.EvaluationContext;
import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.evaluate.MetricScore;
import dev.loupe.core.tensor.NoiseSource;
import dev.loupe.metrics.BatchedScores;
import dev.loupe.metrics.MapPlane;
import dev.loupe.metrics.PixelRanking;
import dev.loupe.metrics.ScoreKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ROAD (Rong et al. 2022): at each percentage p, the p % most relevant pixels (MoRF) or the p %
 * least relevant (LeRF) are removed and imputed by {@link NoisyLinearImputer}, and the target's
 * score is measured. A faithful map makes the MoRF curve fall fast and the LeRF curve stay high.
 * The value is the mean over the percentages of LeRF(p) - MoRF(p): higher is better; the means of
 * each curve are in the details ({@code morf-mean}, {@code lerf-mean}).
 *
 * <p>Noise: image {@code b} of a batch draws from a stream seeded with {@code seed + b} (the
 * caller passes the seed plus the batch's offset, so an image's noise does not depend on the
 * batch size).
 */
record Road(double[] percentages, double noise, ScoreKind score, MapPlane.Reduction reduction) implements Metric {

    @Override
    public List<MetricScore> evaluate(EvaluationContext context) {
        long[] chw = BatchedScores.shape(context);
        int channels = (int) chw[0];
        int height = (int) chw[1];
        int width = (int) chw[2];
        int pixels = height * width;
        List<MetricScore> scores = new ArrayList<>();
        for (int b = 0; b < context.targets().length; b++) {
            float[] image = BatchedScores.image(context, b);
            int[] order = PixelRanking.descending(MapPlane.of(context.attributions().get(b), height, width, reduction));
            NoiseSource source = NoiseSource.seeded(context.seed() + b);
            List<float[]> perturbed = new ArrayList<>();
            for (boolean morf : new boolean[] {true, false}) {
                for (double p : percentages) {
                    int n = (int) Math.round(p / 100 * pixels);
                    boolean[] removed = new boolean[pixels];
                    for (int i = 0; i < n; i++) {
                        removed[morf ? order[i] : order[pixels - 1 - i]] = true;
                    }
                    perturbed.add(NoisyLinearImputer.impute(image, channels, height, width, removed, noise, source));
                }
            }
            double[] y = BatchedScores.of(context, perturbed, chw, context.targets()[b], score);
            int m = percentages.length;
            double[] morfY = java.util.Arrays.copyOfRange(y, 0, m);
            double[] lerfY = java.util.Arrays.copyOfRange(y, m, 2 * m);
            double[] x = new double[m];
            for (int i = 0; i < m; i++) {
                x[i] = percentages[i] / 100;
            }
            double morfMean = mean(morfY);
            double lerfMean = mean(lerfY);
            Map<String, Double> details = new LinkedHashMap<>();
            details.put("morf-mean", morfMean);
            details.put("lerf-mean", lerfMean);
            String xLabel = "fraction of pixels removed and imputed";
            scores.add(new MetricScore(lerfMean - morfMean, details, List.of(
                    new Curve("road-morf", xLabel, score.label(), x, morfY),
                    new Curve("road-lerf", xLabel, score.label(), x, lerfY)), null));
        }
        return scores;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }
}
