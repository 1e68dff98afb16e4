package dev.loupe.methods.perturbation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.tensor.FloatArray;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiseMasksTest {

    @Test
    void sameSeedSameMasksWhateverTheChunking() {
        FloatArray whole = new RiseMasks(5, 7, 0.5, 40, 30).next(12);
        RiseMasks chunked = new RiseMasks(5, 7, 0.5, 40, 30);
        List<FloatArray> parts = new ArrayList<>();
        for (int n : new int[] {5, 1, 6}) {
            FloatArray part = chunked.next(n);
            for (int i = 0; i < n; i++) {
                parts.add(part.slice(i));
            }
        }
        assertEquals(whole, FloatArray.stack(parts));
        assertTrue(!whole.equals(new RiseMasks(6, 7, 0.5, 40, 30).next(12)), "another seed, other masks");
    }

    @Test
    void masksAreInTheUnitIntervalAndKeepAboutP() {
        for (double p : new double[] {0.2, 0.5, 0.9}) {
            FloatArray masks = new RiseMasks(1, 7, p, 56, 56).next(400);
            double sum = 0;
            for (float v : masks.data()) {
                assertTrue(v >= 0 && v <= 1, "in [0, 1]: " + v);
                sum += v;
            }
            // the mean of a bilinear mix of Bernoulli(p) cells is p; 400 masks of ~50 cells each
            assertEquals(p, sum / masks.size(), 0.02, "mean mask value for p = " + p);
        }
    }

    /** With p = 1 every cell is kept, so every mask is all ones whatever the shift. */
    @Test
    void keepingEveryCellGivesOnes() {
        for (float v : new RiseMasks(9, 5, 1.0, 17, 23).next(3).data()) {
            assertEquals(1f, v);
        }
    }

    /** A grid of 1 cell upsampled is constant; the shape is (count, H, W). */
    @Test
    void shape() {
        assertArrayEquals(new long[] {4, 17, 23}, new RiseMasks(9, 1, 0.5, 17, 23).next(4).shape());
    }
}
