package dev.loupe.bench;

import dev.loupe.bench.stats.Stats;
import dev.loupe.core.stability.Internal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A method's timings against its floor, or why it was skipped.
 *
 * @param parameters every parameter, defaults filled in (as given when they did not validate)
 * @param skipped why the method was not timed, or {@code null}
 * @param callsPerImage engine calls per image (forwards, gradient passes, scaled forwards, uploads,
 *                      rows through passes, scopes), from the last recorded round
 * @param rounds the timed rounds, warm-up excluded
 * @param repeats passes over the images in each timed round
 * @param floorInputs what the replays ran on: "recorded" (the method's own values), "random", or a mix
 */
@Internal
public record MethodResult(String name, Map<String, Object> parameters, String skipped,
        Map<String, Double> callsPerImage, List<Round> rounds, int repeats, String floorInputs) {

    public MethodResult {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        callsPerImage = callsPerImage == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(callsPerImage));
        rounds = List.copyOf(rounds);
    }

    static MethodResult skipped(String name, Map<String, ?> parameters, String reason) {
        return new MethodResult(name, new LinkedHashMap<>(parameters), reason, Map.of(), List.of(), 0, null);
    }

    public boolean timed() {
        return skipped == null && !rounds.isEmpty();
    }

    /** Median over rounds of the method's seconds per image. */
    public double methodSeconds() {
        return Stats.median(rounds.stream().mapToDouble(Round::methodSeconds).toArray());
    }

    /** Median over rounds of the floor's seconds per image. */
    public double floorSeconds() {
        return Stats.median(rounds.stream().mapToDouble(Round::floorSeconds).toArray());
    }

    /**
     * Method over floor: the median of the rounds' ratios. Each round's method and floor times come
     * from interleaved runs, so a burst of other work on the machine inflates both; the median of
     * the ratios is steadier than the ratio of the medians when that happens.
     */
    public double ratio() {
        return Stats.median(rounds.stream().mapToDouble(Round::ratio).toArray());
    }

    /** Time beyond the floor, in % of the floor. */
    public double overheadPercent() {
        return (ratio() - 1) * 100;
    }

    /** The spread of the per-round ratios (max - min), to judge how much to trust the overhead. */
    public double ratioSpread() {
        double[] r = rounds.stream().mapToDouble(Round::ratio).toArray();
        return java.util.Arrays.stream(r).max().orElse(0) - java.util.Arrays.stream(r).min().orElse(0);
    }
}
