package dev.loupe.metrics.faithfulness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BaselineTest {

    @Test
    void meanIsEachChannelsMean() {
        float[] image = {1, 2, 3, 6, -1, -1, -1, -1};
        assertArrayEquals(new float[] {3, 3, 3, 3, -1, -1, -1, -1}, Baseline.MEAN.of(image, 2, 2, 2, 0), 1e-6f);
    }

    @Test
    void blurKeepsAConstantImageAndTheTotalOfAnInteriorImpulse() {
        float[] constant = new float[3 * 9 * 9];
        java.util.Arrays.fill(constant, 0.7f);
        float[] blurred = Baseline.BLUR.of(constant, 3, 9, 9, 1.0);
        for (float v : blurred) {
            assertEquals(0.7f, v, 1e-6f);
        }
        float[] impulse = new float[15 * 15];
        impulse[7 * 15 + 7] = 1;
        float[] spread = Baseline.BLUR.of(impulse, 1, 15, 15, 1.0);
        double total = 0;
        for (float v : spread) {
            total += v;
        }
        assertEquals(1.0, total, 1e-6);
        // separable Gaussian: the centre is the 1-D weight at 0 squared
        double norm = 0;
        for (int k = -3; k <= 3; k++) {
            norm += Math.exp(-k * k / 2.0);
        }
        assertEquals(1 / (norm * norm), spread[7 * 15 + 7], 1e-6);
    }

    @Test
    void zerosAreZeros() {
        assertArrayEquals(new float[4], Baseline.ZEROS.of(new float[] {1, 2, 3, 4}, 1, 2, 2, 0));
    }
}
