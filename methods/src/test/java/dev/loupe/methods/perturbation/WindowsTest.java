package dev.loupe.methods.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.tensor.FloatArray;
import org.junit.jupiter.api.Test;

class WindowsTest {

    @Test
    void captumPlacementWithAClippedLastWindow() {
        Windows w = new Windows(80, 80, 16, 7);
        assertEquals(11, w.rows()); // ceil(64 / 7) + 1
        assertEquals(121, w.count());
        int last = w.count() - 1;
        assertEquals(70, w.top(last));
        assertEquals(80, w.bottom(last)); // clipped from 86
        assertEquals(70, w.left(last));
        assertEquals(7, w.left(1));
        assertEquals(0, w.top(1));
        assertEquals(7, w.top(11));
    }

    @Test
    void exactTilingAndWholeImageWindow() {
        assertEquals(9, new Windows(12, 12, 4, 4).count());
        assertEquals(1, new Windows(5, 7, 5, 3).rows());
        assertEquals(2, new Windows(5, 7, 5, 3).columns());
    }

    @Test
    void windowLargerThanTheImageIsAnInputError() {
        LoupeException e = assertThrows(LoupeException.class, () -> new Windows(80, 64, 65, 8));
        assertEquals(ErrorKind.INPUT, e.kind());
        assertTrue(e.getMessage().contains("larger than the 80x64 input") && e.getMessage().contains("at most 64"), e.getMessage());
    }

    /** A model that is linear in the input: each window's drop is the sum of its pixels' contributions. */
    @Test
    void meanDropAveragesOverCoveringWindows() {
        Windows w = new Windows(3, 3, 2, 1); // 4 windows
        float[] occluded = {9, 8, 7, 6}; // score 10: drops 1, 2, 3, 4
        FloatArray map = OcclusionProvider.meanDrop(w, 10, occluded);
        assertEquals(1f, map.data()[0]); // only window 0
        assertEquals(2.5f, map.data()[4]); // centre: all four
        assertEquals(1.5f, map.data()[1]); // windows 0 and 1
        assertEquals(4f, map.data()[8]);
    }

    @Test
    void occludedCopiesSetEveryChannelInTheWindow() {
        float[] x = new float[2 * 3 * 3];
        java.util.Arrays.fill(x, 1f);
        FloatArray copies = OcclusionProvider.occludedCopies(new FloatArray(x, new long[] {2, 3, 3}),
                new Windows(3, 3, 2, 2), 3, 4, -5f); // window 3: rows 2..2, cols 2..2 (clipped)
        float[] c = copies.data();
        assertEquals(-5f, c[8]);
        assertEquals(-5f, c[17]);
        assertEquals(1f, c[7]);
        assertEquals(16, java.util.stream.IntStream.range(0, 18).filter(i -> c[i] == 1f).count());
    }
}
