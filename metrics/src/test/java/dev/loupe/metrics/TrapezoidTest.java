package dev.loupe.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrapezoidTest {

    @Test
    void areaOfAHandComputedCurve() {
        // trapezoids: 0.25 * (1 + 0.5) / 2 + 0.25 * (0.5 + 0.5) / 2 + 0.5 * (0.5 + 0) / 2 = 0.1875 + 0.125 + 0.125
        assertEquals(0.4375, Trapezoid.area(new double[] {0, 0.25, 0.5, 1}, new double[] {1, 0.5, 0.5, 0}), 1e-15);
    }

    @Test
    void aConstantCurveHasItsValueAsArea() {
        assertEquals(0.3, Trapezoid.area(new double[] {0, 0.5, 1}, new double[] {0.3, 0.3, 0.3}), 1e-15);
    }

    @Test
    void oneScoreIsNoCurve() {
        assertThrows(IllegalArgumentException.class, () -> Trapezoid.area(new double[] {0}, new double[] {1}));
    }
}
