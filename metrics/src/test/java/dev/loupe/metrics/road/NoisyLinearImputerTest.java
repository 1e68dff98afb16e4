package dev.loupe.metrics.road;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.NoiseSource;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.core.testing.NpyReader;
import org.junit.jupiter.api.Test;

class NoisyLinearImputerTest {

    private static final NoiseSource NO_NOISE = shape -> {
        throw new AssertionError("no noise should be drawn");
    };

    @Test
    void matchesTheScipyReferenceWithBorderAndCornerPixelsRemoved() {
        // fixtures/make_road_reference.py: the same definition solved directly by scipy's spsolve
        FloatArray input = NpyReader.read(Fixtures.path("metrics/road/input.npy"));
        float[] removedValues = NpyReader.read(Fixtures.path("metrics/road/removed.npy")).data();
        FloatArray expected = NpyReader.read(Fixtures.path("metrics/road/imputed.npy"));
        boolean[] removed = new boolean[removedValues.length];
        for (int i = 0; i < removed.length; i++) {
            removed[i] = removedValues[i] > 0.5f;
        }
        float[] actual = NoisyLinearImputer.impute(input.data(), 3, 6, 7, removed, 0, NO_NOISE);
        assertArrayEquals(expected.data(), actual, 1e-5f);
    }

    @Test
    void aLinearRampIsReproducedExactlyInTheInterior() {
        // the neighbour weights are symmetric, so their weighted mean of a plane a + b y + c x is its centre value
        int h = 12;
        int w = 10;
        float[] ramp = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                ramp[y * w + x] = 0.5f + 0.25f * y - 0.125f * x;
            }
        }
        boolean[] removed = new boolean[h * w];
        for (int y = 2; y < 9; y++) {
            for (int x = 1; x < 8; x++) {
                removed[y * w + x] = true;
            }
        }
        float[] damaged = ramp.clone();
        for (int i = 0; i < damaged.length; i++) {
            if (removed[i]) {
                damaged[i] = 99;
            }
        }
        assertArrayEquals(ramp, NoisyLinearImputer.impute(damaged, 1, h, w, removed, 0, NO_NOISE), 1e-5f);
    }

    @Test
    void noiseIsAddedToImputedPixelsOnlyWithTheGivenSpreadAndSeed() {
        int h = 40;
        int w = 40;
        float[] flat = new float[h * w];
        java.util.Arrays.fill(flat, 0.3f);
        boolean[] removed = new boolean[h * w];
        for (int i = 0; i < removed.length; i += 2) {
            removed[i] = true;
        }
        float[] a = NoisyLinearImputer.impute(flat, 1, h, w, removed, 0.01, NoiseSource.seeded(5));
        float[] b = NoisyLinearImputer.impute(flat, 1, h, w, removed, 0.01, NoiseSource.seeded(5));
        assertArrayEquals(a, b);
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (!removed[i]) {
                assertEquals(0.3f, a[i]);
                continue;
            }
            double d = a[i] - 0.3;
            sum += d;
            squares += d * d;
            n++;
        }
        assertEquals(0, sum / n, 0.002);
        assertEquals(0.01, Math.sqrt(squares / n), 0.001);
    }

    @Test
    void removingEveryPixelIsRefused() {
        boolean[] all = {true, true, true, true};
        assertThrows(IllegalArgumentException.class,
                () -> NoisyLinearImputer.impute(new float[4], 1, 2, 2, all, 0, NO_NOISE));
    }
}
