package dev.loupe.metrics.localisation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.loupe.core.evaluate.MetricScore;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.metrics.Contexts;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pointing game and energy share on synthetic 10x10 maps and masks: no model needed. */
class LocalisationMetricsTest {

    private static final int N = 10;

    /** The object: rows 2..4, columns 2..4 (9 of 100 pixels). */
    private static FloatArray mask() {
        float[] m = new float[N * N];
        for (int y = 2; y <= 4; y++) {
            for (int x = 2; x <= 4; x++) {
                m[y * N + x] = 1;
            }
        }
        return new FloatArray(m, new long[] {N, N});
    }

    private static Attribution oneChannel(float[] plane) {
        return Contexts.inputMap(new FloatArray(plane, new long[] {1, N, N}), 0);
    }

    private static MetricScore score(String metric, Map<String, ?> params, Attribution map, FloatArray mask) {
        return Contexts.run(null, metric, params, FloatArray.zeros(1, 3, N, N), 0, map, mask, 1);
    }

    private static float[] peakAt(int y, int x) {
        float[] plane = new float[N * N];
        plane[y * N + x] = 1;
        return plane;
    }

    @Test
    void aMaximumOnTheObjectHitsAndOneOffItMissesWithoutTolerance() {
        Map<String, Object> exact = Map.of("tolerance", 0);
        assertEquals(1.0, score("pointing-game", exact, oneChannel(peakAt(3, 4)), mask()).value());
        assertEquals(0.0, score("pointing-game", exact, oneChannel(peakAt(3, 5)), mask()).value());
    }

    @Test
    void theToleranceIsAEuclideanRadius() {
        // (7, 7) is at distance sqrt(9 + 9) = 4.24 from the object's corner (4, 4)
        assertEquals(0.0, score("pointing-game", Map.of("tolerance", 4), oneChannel(peakAt(7, 7)), mask()).value());
        assertEquals(1.0, score("pointing-game", Map.of("tolerance", 5), oneChannel(peakAt(7, 7)), mask()).value());
        assertEquals(1.0, score("pointing-game", Map.of(), oneChannel(peakAt(9, 9)), mask()).value(), "default 15 px");
    }

    @Test
    void aMapWithoutPositiveValuesMissesAndAMissingMaskIsNotScored() {
        float[] negative = new float[N * N];
        java.util.Arrays.fill(negative, -1);
        assertEquals(0.0, score("pointing-game", Map.of(), oneChannel(negative), mask()).value());
        MetricScore none = score("pointing-game", Map.of(), oneChannel(peakAt(3, 3)), null);
        assertFalse(none.applies());
        assertEquals("no ground-truth mask", none.note());
        assertFalse(score("energy-pointing-game", Map.of(), oneChannel(peakAt(3, 3)), FloatArray.zeros(N, N)).applies());
    }

    @Test
    void theEnergyShareCountsPositiveMassOnly() {
        float[] plane = new float[N * N];
        plane[3 * N + 3] = 3;     // on the object
        plane[2 * N + 2] = 1;     // on the object
        plane[8 * N + 8] = 4;     // off
        plane[9 * N + 0] = -100;  // negative: ignored
        plane[3 * N + 4] = -50;   // negative on the object: ignored
        MetricScore score = score("energy-pointing-game", Map.of(), oneChannel(plane), mask());
        assertEquals(4.0 / 8.0, score.value(), 1e-12);
        assertEquals(0.09, score.details().get("object-share"), 1e-12);
    }

    @Test
    void severalChannelsAreReducedByAbsMaxByDefaultOrBySum() {
        float[] chw = new float[3 * N * N];
        chw[3 * N + 3] = -5;                  // channel 0 on the object: |v| = 5
        chw[N * N + 8 * N + 8] = 3;           // channel 1 off the object
        chw[2 * N * N + 8 * N + 8] = 3;       // channel 2 off the object: sum 6 there
        Attribution map = Contexts.inputMap(new FloatArray(chw, new long[] {3, N, N}), 0);
        Map<String, Object> exact = Map.of("tolerance", 0);
        assertEquals(1.0, score("pointing-game", exact, map, mask()).value());
        assertEquals(0.0, score("pointing-game", Map.of("tolerance", 0, "reduce", "sum"), map, mask()).value());
        assertEquals(5.0 / 8.0, score("energy-pointing-game", Map.of(), map, mask()).value(), 1e-12);
    }
}
