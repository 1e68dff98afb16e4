package dev.loupe.examples.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Gini index's known values. */
class SparsenessTest {

    @Test
    void evenlySpreadIsZero() {
        assertEquals(0.0, Sparseness.gini(new double[] {2, 2, 2, 2}), 1e-12);
    }

    @Test
    void allOnOnePixelIsNMinusOneOverN() {
        assertEquals(3.0 / 4.0, Sparseness.gini(new double[] {0, 0, 5, 0}), 1e-12);
    }

    @Test
    void aHandComputedCase() {
        // sorted 1, 2, 3: (-2*1 + 0*2 + 2*3) / (3 * 6) = 4 / 18
        assertEquals(4.0 / 18.0, Sparseness.gini(new double[] {3, 1, 2}), 1e-12);
    }

    @Test
    void zeroMapsHaveNoValue() {
        assertTrue(Double.isNaN(Sparseness.gini(new double[] {0, 0})));
    }
}
