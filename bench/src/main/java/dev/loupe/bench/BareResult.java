package dev.loupe.bench;

import dev.loupe.bench.stats.Stats;
import dev.loupe.core.stability.Internal;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The bare engine against the same passes through Loupe's backend: per timed round, seconds per
 * image of {bare forward, adapter forward, bare forward+backward, adapter forward+backward}.
 */
@Internal
public record BareResult(String description, List<double[]> rounds) {

    public BareResult {
        rounds = rounds.stream().map(double[]::clone).toList();
        for (double[] r : rounds) {
            if (r.length != 4) {
                throw new IllegalArgumentException("a round has 4 timings, got " + r.length);
            }
        }
    }

    @Override
    public List<double[]> rounds() {
        return rounds.stream().map(double[]::clone).toList();
    }

    public boolean timed() {
        return !rounds.isEmpty();
    }

    public double forwardSeconds() {
        return median(r -> r[0]);
    }

    public double adapterForwardSeconds() {
        return median(r -> r[1]);
    }

    public double forwardBackwardSeconds() {
        return median(r -> r[2]);
    }

    public double adapterForwardBackwardSeconds() {
        return median(r -> r[3]);
    }

    /** What the adapter adds to a forward, in %: the median of the rounds' ratios, minus 1. */
    public double forwardAdapterPercent() {
        return (median(r -> r[1] / r[0]) - 1) * 100;
    }

    /** What the adapter adds to a forward+backward, in %. */
    public double forwardBackwardAdapterPercent() {
        return (median(r -> r[3] / r[2]) - 1) * 100;
    }

    private double median(ToDoubleFunction<double[]> value) {
        return Stats.median(rounds.stream().mapToDouble(value).toArray());
    }
}
