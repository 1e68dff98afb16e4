package dev.loupe.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.loupe.core.tensor.FloatArray;

/**
 * Comparison of float arrays against references: |a - e| <= atol + rtol * max|e| elementwise,
 * i.e. the tolerance is relative to the reference's scale, so tiny entries of a map are not
 * held to a relative bound they cannot meet in float32.
 */
public final class Close {

    private Close() {
    }

    public static double maxAbsDiff(FloatArray actual, FloatArray expected) {
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            worst = Math.max(worst, Math.abs(actual.data()[i] - expected.data()[i]));
        }
        return worst;
    }

    public static double maxAbs(FloatArray a) {
        double m = 0;
        for (float v : a.data()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    public static void assertClose(FloatArray actual, FloatArray expected, double rtol, double atol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double scale = maxAbs(expected);
        double diff = maxAbsDiff(actual, expected);
        double bound = atol + rtol * scale;
        if (Boolean.getBoolean("loupe.test.printDiffs")) {
            System.out.printf("DIFF %s: max|diff| %.3g, relative to max|ref| %.3g%n", what, diff, diff / Math.max(scale, 1e-30));
        }
        if (!(diff <= bound)) {
            fail(String.format("%s: max |diff| %.3g exceeds %.3g (rtol %.1g of max|ref| %.3g, atol %.1g)",
                    what, diff, bound, rtol, scale, atol));
        }
    }
}
