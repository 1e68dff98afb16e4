package dev.loupe.bench;

import dev.loupe.core.stability.Internal;

/**
 * How to time.
 *
 * @param warmupRounds rounds run first and discarded (JIT, libtorch's first-use allocations, tapped copies loaded)
 * @param rounds timed rounds; each runs the method on every image and replays its calls, batch by
 *               batch, in alternating order (method then floor, floor then method, ...)
 * @param minRoundSeconds a round passes over the images as many times as it takes for the method
 *                        to run this long (measured in the first warm-up round), so that fast methods
 *                        are timed over many calls
 * @param batchSize images per explanation
 * @param seed seed of the random inputs of the replays
 * @param floorInputs what the replays upload
 */
@Internal
public record BenchSettings(int warmupRounds, int rounds, double minRoundSeconds, int batchSize, long seed,
        FloorInputs floorInputs) {

    /** The values the floor's passes run on. */
    public enum FloorInputs {
        /**
         * The method's own (captured on its first run of each batch; standard normal values for its
         * {@code randomNormal} draws, and for batches beyond {@link #CAPTURE_BUDGET_BYTES}).
         */
        RECORDED,
        /** Standard normal values of the same shapes, fresh every round. */
        RANDOM
    }

    /** At most this much is kept of the methods' inputs for the replays: 1 GiB. */
    public static final long CAPTURE_BUDGET_BYTES = 1L << 30;

    public BenchSettings(int warmupRounds, int rounds, double minRoundSeconds, int batchSize, long seed) {
        this(warmupRounds, rounds, minRoundSeconds, batchSize, seed, FloorInputs.RECORDED);
    }

    public BenchSettings {
        java.util.Objects.requireNonNull(floorInputs, "floorInputs");
        if (warmupRounds < 0 || rounds < 0 || batchSize < 1 || !(minRoundSeconds >= 0)) {
            throw new IllegalArgumentException("warm-up rounds " + warmupRounds + ", rounds " + rounds
                    + ", minimum round seconds " + minRoundSeconds + ", batch size " + batchSize);
        }
    }
}
