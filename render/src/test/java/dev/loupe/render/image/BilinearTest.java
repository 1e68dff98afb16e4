package dev.loupe.render.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.Golden;
import org.junit.jupiter.api.Test;

class BilinearTest {

    /*
     * Source coordinate of output pixel i: s = max(0, (i + 0.5) * in / out - 0.5); the output is
     * (1 - f) * x[floor(s)] + f * x[floor(s) + 1] with f = s - floor(s), the right neighbour
     * clamped to the last pixel.
     *
     * 2 -> 4: in/out = 0.5, so s = 0.5 i - 0.25 -> 0 (clamped), 0.25, 0.75, 1.25.
     *   i=0: x0;  i=1: 0.75 x0 + 0.25 x1;  i=2: 0.25 x0 + 0.75 x1;  i=3: x1 (both neighbours are x1).
     * Rows [0, 4] and [8, 12] become [0, 1, 3, 4] and [8, 9, 11, 12]; the same weights down the
     * columns give the rows below (all values exact in float).
     */
    @Test
    void upsamples2x2To4x4AsDerivedByHand() {
        float[] in = {0, 4, 8, 12};
        float[] expected = {
            0, 1, 3, 4,
            2, 3, 5, 6,
            6, 7, 9, 10,
            8, 9, 11, 12};
        assertArrayEquals(expected, Bilinear.resize(in, 1, 2, 2, 4, 4));
    }

    /*
     * 5 -> 2 along the width: in/out = 2.5, s = 2.5 (i + 0.5) - 0.5 -> 0.75, 3.25.
     *   i=0: 0.25 x0 + 0.75 x1 = 3;  i=1: 0.75 x3 + 0.25 x4 = 13 for x = [0, 4, 8, 12, 16].
     * x2 = 8 gets no weight at all: without antialiasing, shrinking skips pixels.
     * 4 -> 2: s = 2 (i + 0.5) - 0.5 -> 0.5, 2.5: the mean of each 2x2 block.
     */
    @Test
    void downsamplesAsDerivedByHand() {
        assertArrayEquals(new float[] {3, 13}, Bilinear.resize(new float[] {0, 4, 8, 12, 16}, 1, 1, 5, 1, 2));

        float[] grid = new float[16];
        for (int i = 0; i < 16; i++) {
            grid[i] = i; // value 4 * row + column
        }
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, Bilinear.resize(grid, 1, 4, 4, 2, 2));
        // 3 -> 1: s = 3 * 0.5 - 0.5 = 1, the centre pixel exactly.
        assertArrayEquals(new float[] {5}, Bilinear.resize(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3, 1, 1));
    }

    @Test
    void sameSizeIsACopyWithIdenticalBits() {
        float[] in = {Float.NaN, -0f, 1e-30f, Float.MAX_VALUE, 0.1f, 7f};
        float[] out = Bilinear.resize(in, 2, 1, 3, 1, 3);
        assertNotSame(in, out);
        assertArrayEquals(in, out);
    }

    @Test
    void aSinglePixelIsCopiedUnchanged() {
        float v = 0.3f;
        float[] out = Bilinear.resize(new float[] {v}, 1, 1, 1, 5, 7);
        for (float o : out) {
            assertEquals(v, o);
        }
    }

    @Test
    void channelsAreResizedIndependently() {
        float[] in = {0, 4, 8, 12, 100, 100, 100, 100};
        float[] out = Bilinear.resize(in, 2, 2, 2, 4, 4);
        assertEquals(1f, out[1]);
        for (int i = 16; i < 32; i++) {
            assertEquals(100f, out[i]);
        }
    }

    /** Bit for bit what torch 1.13 gives for contiguous (1, 3, H, W) float32 input (see make_golden.py). */
    @Test
    void matchesTorchInterpolateExactly() {
        check("bilinear_9x13_in.npy", "bilinear_9x13_to_20x6.npy");
        check("bilinear_16x16_in.npy", "bilinear_16x16_to_7x7.npy");
        check("bilinear_4x6_in.npy", "bilinear_4x6_to_12x5.npy");
    }

    private static void check(String in, String expected) {
        FloatArray torch = Golden.npy(expected);
        FloatArray ours = Bilinear.resize(Golden.npy(in), (int) torch.dim(1), (int) torch.dim(2));
        assertArrayEquals(torch.shape(), ours.shape());
        assertArrayEquals(torch.data(), ours.data(), expected);
    }

    @Test
    void floatArrayOverloadKeepsLeadingAxes() {
        FloatArray hw = Bilinear.resize(new FloatArray(new float[] {0, 4, 8, 12}, new long[] {2, 2}), 4, 4);
        assertArrayEquals(new long[] {4, 4}, hw.shape());
        assertThrows(IllegalArgumentException.class, () -> Bilinear.resize(FloatArray.zeros(1, 1, 2, 2), 4, 4));
    }

    @Test
    void rejectsBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> Bilinear.resize(new float[4], 1, 2, 2, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> Bilinear.resize(new float[3], 1, 2, 2, 4, 4));
    }
}
