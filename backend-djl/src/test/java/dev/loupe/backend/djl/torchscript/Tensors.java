package dev.loupe.backend.djl.torchscript;

import dev.loupe.core.tensor.FloatArray;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Comparisons of float tensors with a tolerance relative to the expected values' scale. Run with
 * {@code -DargLine=-Dloupe.test.printDiffs=true} to print every measured difference.
 */
final class Tensors {

    private Tensors() {
    }

    static double maxAbs(FloatArray a) {
        double max = 0;
        for (float v : a.data()) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    static double min(FloatArray a) {
        double min = Double.POSITIVE_INFINITY;
        for (float v : a.data()) {
            min = Math.min(min, v);
        }
        return min;
    }

    static double maxAbsDiff(FloatArray expected, FloatArray actual) {
        double max = 0;
        for (int i = 0; i < expected.data().length; i++) {
            max = Math.max(max, Math.abs((double) expected.data()[i] - actual.data()[i]));
        }
        return max;
    }

    /** Same shape, and max|expected - actual| <= relTol * max|expected|. */
    static void assertClose(String what, FloatArray expected, FloatArray actual, double relTol) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double scale = maxAbs(expected);
        double diff = maxAbsDiff(expected, actual);
        if (Boolean.getBoolean("loupe.test.printDiffs")) {
            System.out.printf("%-60s max|diff| %.3g  rel %.3g%n", what, diff, diff / Math.max(scale, 1e-30));
        }
        assertTrue(scale > 0, what + ": expected values are all zero, so the comparison would prove nothing");
        assertTrue(diff <= relTol * scale,
                what + ": max|diff| " + diff + " exceeds " + relTol + " x max|expected| " + scale);
    }

    static void assertIdentical(String what, FloatArray expected, FloatArray actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        assertArrayEquals(expected.data(), actual.data(), 0f, what);
    }
}
