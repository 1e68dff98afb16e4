package dev.loupe.methods.gradient;

import static dev.loupe.core.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.loupe.core.tensor.FloatArray;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Integrated Gradients baselines, the blur against the reference script's scipy-checked blur. */
class BaselineTest {

    @Test
    void blurEqualsTheReferenceBlur() {
        FloatArray images = GradientFixtures.input("shapes_cnn");
        FloatArray expected = GradientFixtures.reference("shapes_cnn", "blur_baseline.npy");
        // both are float64 computations rounded to float32; measured: all 38400 values equal (and the
        // script's blur equals scipy.ndimage.gaussian_filter exactly, see its manifest)
        assertClose(new Baseline.Blur(5).of(images), expected, 1e-6, 0, "blur sigma 5");
    }

    @Test
    void reflectMirrorsAboutTheEdgeAsFarAsNeeded() {
        int[] got = new int[12];
        for (int i = -6; i < 6; i++) {
            got[i + 6] = Baseline.Blur.reflect(i, 3);
        }
        // ... c b a | a b c | c b a | a b c ...  for (a, b, c) = (0, 1, 2)
        assertArrayEquals(new int[] {0, 1, 2, 2, 1, 0, 0, 1, 2, 2, 1, 0}, got);
        assertEquals(0, Baseline.Blur.reflect(-5, 1));
    }

    @Test
    void blurKernelIsScipysAndKeepsConstants() {
        double[] kernel = Baseline.Blur.kernel(5);
        assertEquals(41, kernel.length); // radius int(4 * 5 + 0.5) = 20
        assertEquals(1.0, Arrays.stream(kernel).sum(), 1e-15);
        assertEquals(7, Baseline.Blur.kernel(0.7).length); // radius int(4 * 0.7 + 0.5) = 3
    }

    @Test
    void constantPlanesStayConstantAndTinyImagesWork() {
        float[] values = new float[2 * 3 * 5];
        Arrays.fill(values, 0.75f);
        FloatArray flat = new FloatArray(values, new long[] {1, 2, 3, 5});
        FloatArray blurred = new Baseline.Blur(10).of(flat); // the kernel is far wider than the image
        for (float v : blurred.data()) {
            assertEquals(0.75f, v, 1e-6f);
        }
        FloatArray two = new FloatArray(new float[2], new long[] {1, 2, 1, 1});
        assertArrayEquals(new float[] {-1f, -1f}, new Baseline.Constant(-1).of(two).data());
        assertThrows(IllegalArgumentException.class, () -> new Baseline.Blur(0));
    }
}
