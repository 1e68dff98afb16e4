package dev.loupe.cli.localisation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.tensor.FloatArray;
import org.junit.jupiter.api.Test;

class LocalisationScoreTest {

    private static final boolean[] LEFT_COLUMN = {true, false, true, false}; // 2 x 2

    @Test
    void hitAndEnergyOfAPlainMap() {
        LocalisationScore s = LocalisationScore.of(new float[] {3, 1, -2, 0}, LEFT_COLUMN);
        assertTrue(s.hit());
        assertEquals(0.75, s.energyInside(), 1e-12); // 3 of the positive 3 + 1; the -2 is not mass
        LocalisationScore miss = LocalisationScore.of(new float[] {0, 1, 0.5f, 0}, LEFT_COLUMN);
        assertFalse(miss.hit());
        assertEquals(1 / 3.0, miss.energyInside(), 1e-7);
    }

    @Test
    void nothingPositiveScoresNothing() {
        LocalisationScore s = LocalisationScore.of(new float[] {-1, -1, -1, -1}, LEFT_COLUMN);
        assertFalse(s.hit());
        assertEquals(0, s.energyInside());
    }

    @Test
    void threeChannelMapsUseTheLargestMagnitudeAndOneChannelMapsKeepTheirSign() {
        float[] chw = {0, 0, 0, 0, /**/ 0, 5, 0, 0, /**/ -9, 0, 0, 0};
        assertEquals(9, LocalisationScore.toPixels(new FloatArray(chw, new long[] {3, 2, 2}), 2, 2)[0]);
        float[] one = {-9, 1, 0, 0};
        assertEquals(-9, LocalisationScore.toPixels(new FloatArray(one, new long[] {1, 2, 2}), 2, 2)[0]);
    }

    @Test
    void layerMapsAreUpsampledToTheInput() {
        float[] up = LocalisationScore.toPixels(new FloatArray(new float[] {2}, new long[] {1, 1}), 4, 4);
        assertEquals(16, up.length);
        for (float v : up) {
            assertEquals(2, v);
        }
    }
}
