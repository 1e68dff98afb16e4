package dev.loupe.render.heatmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.tensor.FloatArray;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Small cases worked out by hand (eps 1e-7 only shows in the 7th digit, so 1e-6 tolerances). */
class LayerCombinationTest {

    private static FloatArray map(int h, int w, float... v) {
        return new FloatArray(v, new long[] {h, w});
    }

    @Test
    void oneLayerAtImageSizeIsItsMinMaxScaling() {
        // [0 1; 2 3] -> / 3 -> mean of one -> / 1 again
        FloatArray out = LayerCombination.combine(List.of(map(2, 2, 0, 1, 2, 3)), 2, 2);
        assertArrayEquals(new float[] {0f, 1 / 3f, 2 / 3f, 1f}, out.data(), 1e-6f);
        assertArrayEquals(new long[] {2, 2}, out.shape());
    }

    @Test
    void twoLayersAreScaledEachThenAveragedThenScaledAgain() {
        // a: [0 2; 4 8] -> [0 .25; .5 1]; b: [1 1; 1 3] -> [0 0; 0 1]; mean [0 .125; .25 1]; max 1 -> unchanged
        FloatArray out = LayerCombination.combine(List.of(map(2, 2, 0, 2, 4, 8), map(2, 2, 1, 1, 1, 3)), 2, 2);
        assertArrayEquals(new float[] {0f, 0.125f, 0.25f, 1f}, out.data(), 1e-6f);
    }

    @Test
    void offsetAndScaleOfALayerDoNotMatter() {
        FloatArray a = map(2, 2, 0, 2, 4, 8);
        FloatArray shifted = map(2, 2, -50, -49, -48, -46);
        FloatArray b = map(2, 2, 1, 1, 1, 3);
        assertArrayEquals(LayerCombination.combine(List.of(a, b), 2, 2).data(),
                LayerCombination.combine(List.of(shifted, b), 2, 2).data(), 1e-6f);
    }

    @Test
    void smallMapsAreUpsampledWithHalfPixelCentresBeforeTheMean() {
        // [0 1] to 1x4: source x = (i + 0.5) / 2 - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped
        // to the last pixel): 0, .25, .75, 1. The other layer, [4 3 2 1], scales to 1, 2/3, 1/3, 0.
        // Mean: .5, 11/24, 13/24, .5; min 11/24, range 1/12: .5, 0, 1, .5.
        FloatArray out = LayerCombination.combine(List.of(map(1, 2, 0, 1), map(1, 4, 4, 3, 2, 1)), 1, 4);
        assertArrayEquals(new float[] {0.5f, 0f, 1f, 0.5f}, out.data(), 1e-5f);
    }

    @Test
    void upsamplingInTwoDimensions() {
        // [0 1; 2 3] (scaled: /3) to 4x4: rows and columns both blend at .25/.75 as above
        FloatArray out = LayerCombination.combine(List.of(map(2, 2, 0, 1, 2, 3)), 4, 4);
        float[] axis = {0f, 0.25f, 0.75f, 1f};
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals((2 * axis[y] + axis[x]) / 3, out.data()[y * 4 + x], 1e-6f, y + "," + x);
            }
        }
    }

    @Test
    void aConstantLayerAddsNothingButZeros() {
        // the constant map scales to zeros (not NaN); the mean halves the other map, the last scaling undoes it
        FloatArray out = LayerCombination.combine(List.of(map(1, 3, 7, 7, 7), map(1, 3, 0, 1, 2)), 1, 3);
        assertArrayEquals(new float[] {0f, 0.5f, 1f}, out.data(), 1e-6f);
        FloatArray allConstant = LayerCombination.combine(List.of(map(1, 2, 7, 7)), 1, 2);
        assertArrayEquals(new float[] {0f, 0f}, allConstant.data());
    }

    @Test
    void theEpsilonKeepsTheMaximumJustBelowOne() {
        float[] scaled = LayerCombination.scale(new float[] {0f, 1e-7f});
        assertEquals(0.5f, scaled[1], 1e-6f);
        assertTrue(LayerCombination.scale(new float[] {0f, 1f})[1] <= 1f);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LayerCombination.combine(List.of(), 2, 2));
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> LayerCombination.combine(List.of(new FloatArray(new float[12], new long[] {3, 2, 2})), 2, 2));
        assertTrue(rank.getMessage().contains("reduce"), rank.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LayerCombination.combine(List.of(map(1, 2, 0, Float.NaN)), 1, 2));
    }
}
