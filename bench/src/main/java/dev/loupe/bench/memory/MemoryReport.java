package dev.loupe.bench.memory;

import dev.loupe.bench.stats.Stats;
import dev.loupe.core.stability.Internal;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Memory over many explanations of one method: the samples, and what they say. The first and
 * last windows are the first and last tenth of the samples (at least one each); slopes are
 * least-squares fits of KiB against the explanation count, over all samples and over the second
 * half (the steady state, after allocators and caches have settled).
 */
@Internal
public record MemoryReport(String method, long explanations, long every, int batchSize, double seconds,
        List<MemorySample> samples) {

    /**
     * Growth below which memory counts as flat: 4 KiB per explanation over the second half (4 MiB
     * per 1000). Allocators settle slowly after big passes (1.3 KiB per explanation was seen over a
     * second half that was flat over 10000 explanations); a leaked input tensor would be far above
     * it: 75 KiB at 3x80x80, 588 KiB at 3x224x224.
     */
    public static final double FLAT_KIB_PER_EXPLANATION = 4.0;

    /** Fewer explanations than this are too few to call memory flat or growing: pages and pools move in steps. */
    public static final long MIN_EXPLANATIONS_TO_JUDGE = 200;

    public MemoryReport {
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no memory samples");
        }
    }

    public boolean hasRss() {
        return samples.get(0).rssKiB() >= 0;
    }

    private int window() {
        return Math.max(1, samples.size() / 10);
    }

    public double firstWindowRssKiB() {
        return windowMean(samples.subList(0, window()), MemorySample::rssKiB);
    }

    public double lastWindowRssKiB() {
        return windowMean(samples.subList(samples.size() - window(), samples.size()), MemorySample::rssKiB);
    }

    public long peakHwmKiB() {
        return samples.stream().mapToLong(MemorySample::hwmKiB).max().orElse(-1);
    }

    public double rssSlope() {
        return slope(samples, MemorySample::rssKiB);
    }

    public double rssSlopeSecondHalf() {
        return slope(secondHalf(), MemorySample::rssKiB);
    }

    public double nativeSlopeSecondHalf() {
        return slope(secondHalf(), MemorySample::nativeKiB);
    }

    public double heapUsedSlopeSecondHalf() {
        return slope(secondHalf(), MemorySample::heapUsedKiB);
    }

    public double firstWindowHeapUsedKiB() {
        return windowMean(samples.subList(0, window()), MemorySample::heapUsedKiB);
    }

    public double lastWindowHeapUsedKiB() {
        return windowMean(samples.subList(samples.size() - window(), samples.size()), MemorySample::heapUsedKiB);
    }

    /** RSS grew by at most {@link #FLAT_KIB_PER_EXPLANATION} per explanation over the second half. */
    public boolean flat() {
        return rssSlopeSecondHalf() <= FLAT_KIB_PER_EXPLANATION;
    }

    /** "flat", "growing", or why neither can be said (too few explanations, no RSS). */
    public String verdict() {
        if (!hasRss()) {
            return "unknown (no /proc/self/status)";
        }
        if (explanations < MIN_EXPLANATIONS_TO_JUDGE) {
            return "too few explanations to judge (under " + MIN_EXPLANATIONS_TO_JUDGE + ")";
        }
        return flat() ? "flat" : "growing";
    }

    private List<MemorySample> secondHalf() {
        return samples.subList(samples.size() / 2, samples.size());
    }

    private static double windowMean(List<MemorySample> window, ToLongFunction<MemorySample> value) {
        return Stats.mean(window.stream().mapToDouble(s -> value.applyAsLong(s)).toArray());
    }

    private static double slope(List<MemorySample> points, ToLongFunction<MemorySample> value) {
        double[] x = points.stream().mapToDouble(MemorySample::explanations).toArray();
        double[] y = points.stream().mapToDouble(s -> value.applyAsLong(s)).toArray();
        return Stats.slope(x, y);
    }
}
