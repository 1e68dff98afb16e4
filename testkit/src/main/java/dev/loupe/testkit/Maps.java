package dev.loupe.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;

/** Comparisons of maps and logits, with tolerances relative to the larger magnitude. */
@Experimental
public final class Maps {

    private Maps() {
    }

    /**
     * Fails unless the shapes match and every element differs by at most
     * {@code relative * max|expected|} (0: exactly equal).
     */
    public static void assertClose(FloatArray expected, FloatArray actual, double relative, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shapes differ");
        float[] e = expected.data();
        float[] a = actual.data();
        double scale = 0;
        for (float v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        double allowed = relative * scale;
        for (int i = 0; i < e.length; i++) {
            double diff = Math.abs(e[i] - a[i]);
            if (relative == 0 ? Float.compare(e[i], a[i]) != 0 : diff > allowed) {
                throw new AssertionError(what + ": element " + i + " is " + a[i] + ", expected " + e[i]
                        + (relative == 0 ? " (exactly)" : " within " + allowed + " (" + relative + " of max |v| " + scale + ")"));
            }
        }
    }
}
