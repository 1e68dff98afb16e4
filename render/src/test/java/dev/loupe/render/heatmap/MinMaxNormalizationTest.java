package dev.loupe.render.heatmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.loupe.core.tensor.FloatArray;
import org.junit.jupiter.api.Test;

class MinMaxNormalizationTest {

    @Test
    void scalesWithEpsilonInTheDenominator() {
        FloatArray out = MinMaxNormalization.apply(new FloatArray(new float[] {2f, 4f, 6f}, new long[] {3}));
        // (x - 2) / (4 + 1e-7)
        assertArrayEquals(new float[] {0f, (float) (2 / (4 + 1e-7)), (float) (4 / (4 + 1e-7))}, out.data());
        assertEquals(1f, out.data()[2], "4 / (4 + 1e-7) rounds to 1 in float32");
        // The epsilon only matters for ranges near 1e-7: there the map no longer reaches 1.
        FloatArray tiny = MinMaxNormalization.apply(new FloatArray(new float[] {0f, 1e-7f}, new long[] {2}));
        assertEquals(0.5f, tiny.data()[1], 1e-6f);
    }

    @Test
    void constantMapGivesZerosNotNan() {
        FloatArray out = MinMaxNormalization.apply(new FloatArray(new float[] {5f, 5f, 5f, 5f}, new long[] {2, 2}));
        assertArrayEquals(new float[4], out.data());
        assertArrayEquals(new long[] {2, 2}, out.shape());
    }

    @Test
    void hugeRangeDoesNotOverflow() {
        FloatArray out = MinMaxNormalization.apply(new FloatArray(new float[] {-3e38f, 0f, 3e38f}, new long[] {3}));
        assertEquals(0f, out.data()[0]);
        assertEquals(0.5f, out.data()[1], 1e-6f);
        assertEquals(1f, out.data()[2], 1e-6f);
    }

    @Test
    void nonFiniteValuesAreAnError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> MinMaxNormalization.apply(new FloatArray(new float[] {1f, Float.NaN, Float.POSITIVE_INFINITY}, new long[] {3})));
        assertEquals("the attribution map holds 2 NaN or infinite values (first: NaN at flat index 1); it cannot be "
                + "normalised. Check the method's output: the model may produce non-finite gradients", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MinMaxNormalization.apply(FloatArray.zeros(0, 3)));
    }
}
