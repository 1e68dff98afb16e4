package dev.loupe.render.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CannyTest {

    /** A white square on black: rows and columns 10..21 of a 32x32 image. */
    private static RgbImage square() {
        int n = 32;
        float[] chw = new float[3 * n * n];
        for (int c = 0; c < 3; c++) {
            for (int y = 10; y < 22; y++) {
                for (int x = 10; x < 22; x++) {
                    chw[(c * n + y) * n + x] = 1f;
                }
            }
        }
        return RgbImage.of(n, n, chw);
    }

    @Test
    void aSquaresEdgesAreItsOutlineOnePixelWide() {
        boolean[] e = Canny.edges(square());
        int n = 32;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                // a step's two pixels have equal gradients; the one further along +x / +y is kept:
                // rows 10 and 22, columns 10 and 22, give or take one pixel where corners round off
                boolean inRing = y >= 9 && y <= 23 && x >= 9 && x <= 23;
                boolean inside = y >= 12 && y <= 20 && x >= 12 && x <= 20;
                if (!inRing || inside) {
                    assertFalse(e[y * n + x], "no edge at (" + y + ", " + x + ")");
                }
            }
        }
        // every side is found along its straight part (the corners' gradients are diagonal); on
        // the bottom and right the tie between the step's two pixels is settled by float rounding
        // in the blur, so either may hold the edge
        for (int k = 12; k <= 19; k++) {
            assertTrue(e[10 * n + k], "top at column " + k);
            assertTrue(e[21 * n + k] || e[22 * n + k], "bottom at column " + k);
            assertTrue(e[k * n + 10], "left at row " + k);
            assertTrue(e[k * n + 21] || e[k * n + 22], "right at row " + k);
        }
    }

    @Test
    void aFlatImageHasNoEdges() {
        float[] gray = new float[3 * 8 * 8];
        java.util.Arrays.fill(gray, 0.4f);
        boolean[] e = Canny.edges(RgbImage.of(8, 8, gray));
        for (boolean b : e) {
            assertFalse(b);
        }
    }

    @Test
    void weakEdgesSurviveOnlyWhenConnectedToStrongOnes() {
        // one step between rows 4 and 5 whose height falls from 1 (left) to 0.145 (right)
        int h = 10;
        int w = 20;
        float[] gray = new float[h * w];
        for (int y = 5; y < h; y++) {
            for (int x = 0; x < w; x++) {
                gray[y * w + x] = 1f - 0.045f * x;
            }
        }
        boolean[] hysteresis = Canny.edges(gray, h, w, 0.05, 0.5);
        boolean[] strongOnly = Canny.edges(gray, h, w, 0.5, 0.5);
        for (int x = 0; x < w; x++) {
            assertTrue(hysteresis[5 * w + x], "the weak end is kept through its link to the strong one, column " + x);
        }
        // alone, the weak end (under half the largest gradient) is dropped: columns 0..11 remain
        for (int x = 0; x < w; x++) {
            assertEquals(x < 12, strongOnly[5 * w + x], "column " + x);
        }
        int count = 0;
        for (boolean b : hysteresis) {
            count += b ? 1 : 0;
        }
        assertEquals(w, count);
    }
}
