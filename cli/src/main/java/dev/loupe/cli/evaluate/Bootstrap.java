package dev.loupe.cli.evaluate;

import dev.loupe.core.stability.Internal;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A 95 % percentile bootstrap interval of a mean: the values are resampled with replacement
 * {@value #RESAMPLES} times from a stream seeded with the run's seed, and the interval is the
 * 2.5th and 97.5th percentiles of the resampled means. Chosen over a t-interval because
 * per-image metric values (hits of 0 or 1, AUCs in [0, 1]) are far from normal on a few images.
 * With one value the interval is that value; with none it is undefined (NaN).
 */
@Internal
public record Bootstrap(double low, double high) {

    public static final int RESAMPLES = 2000;

    public static Bootstrap of(double[] values, long seed) {
        int n = values.length;
        if (n == 0) {
            return new Bootstrap(Double.NaN, Double.NaN);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        return new Bootstrap(percentile(means, 0.025), percentile(means, 0.975));
    }

    /** Linear interpolation between closest ranks (numpy's default). */
    static double percentile(double[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
