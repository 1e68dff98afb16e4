package dev.loupe.backend.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import dev.loupe.core.model.Scope;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.Interpolation;
import dev.loupe.core.tensor.NoiseSource;
import dev.loupe.core.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Tensor operations on DJL arrays, each against values computed by hand on the host. */
class DjlTensorTest {

    private static NDManager root;
    private static Scope scope;

    @BeforeAll
    static void open() {
        DjlEngine.pytorch();
        root = NDManager.newBaseManager("PyTorch");
        scope = new DjlScope(root, null, null);
    }

    @AfterAll
    static void close() {
        scope.close();
        root.close();
    }

    /** 2x3 matrix [[1,-2,3],[-4,5,-6]]. */
    private static Tensor m() {
        return scope.upload(new FloatArray(new float[] {1, -2, 3, -4, 5, -6}, new long[] {2, 3}));
    }

    private static void assertValues(float[] expected, Tensor t) {
        assertArrayEquals(expected, t.toHost().data(), 1e-6f);
    }

    @Test
    void elementwiseAndScalarOperationsBroadcast() {
        Tensor row = scope.upload(new FloatArray(new float[] {1, 2, 3}, new long[] {3}));
        assertValues(new float[] {2, 0, 6, -3, 7, -3}, m().add(row));
        assertValues(new float[] {0, -4, 0, -5, 3, -9}, m().sub(row));
        assertValues(new float[] {1, -4, 9, -4, 10, -18}, m().mul(row));
        assertValues(new float[] {1, -1, 1, -4, 2.5f, -2}, m().div(row));
        assertValues(new float[] {1.5f, -1.5f, 3.5f, -3.5f, 5.5f, -5.5f}, m().add(0.5));
        assertValues(new float[] {2, -4, 6, -8, 10, -12}, m().mul(2));
        assertValues(new float[] {1, 4, 9, 16, 25, 36}, m().square());
        assertValues(new float[] {1, 2, 3, 4, 5, 6}, m().abs());
        assertValues(new float[] {1, 2, 3, 4, 5, 6}, m().square().sqrt());
        assertValues(new float[] {1, 0, 3, 0, 5, 0}, m().relu());
        assertValues(new float[] {1, -2, 2, -2, 2, -2}, m().clamp(-2, 2));
    }

    @Test
    void reductionsOverChosenAxes() {
        assertValues(new float[] {-3, 3, -3}, m().sum(false, 0));
        assertValues(new float[] {2, -5}, m().sum(false, 1));
        assertValues(new float[] {-3}, m().sum(false, 0, 1).reshape(1));
        assertArrayEquals(new long[] {2, 1}, m().mean(true, -1).shape());
        assertValues(new float[] {2f / 3, -5f / 3}, m().mean(true, 1));
        assertValues(new float[] {1, 5, 3}, m().max(false, 0));
        assertValues(new float[] {-4, -2, -6}, m().min(false, 0));
        assertValues(new float[] {5}, m().max(false, 0, 1).reshape(1));
    }

    @Test
    void reshapeAndSlice() {
        assertArrayEquals(new long[] {3, 2}, m().reshape(3, 2).shape());
        assertValues(new float[] {-2, 3, 5, -6}, m().slice(1, 1, 3));
        assertValues(new float[] {-4, 5, -6}, m().slice(0, 1, 2));
    }

    /** 2x2 -> 4x4 with half-pixel centres: PyTorch's bilinear, align_corners=False. */
    @Test
    void bilinearUpsamplingMatchesTorch() {
        Tensor x = scope.upload(new FloatArray(new float[] {0, 1, 2, 3}, new long[] {1, 2, 2}));
        // output pixel i samples source (i + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25 (clamped to [0, 1])
        float[] row0 = {0, 0.25f, 0.75f, 1};
        float[] expected = new float[16];
        for (int y = 0; y < 4; y++) {
            float wy = new float[] {0, 0.25f, 0.75f, 1}[y];
            for (int xx = 0; xx < 4; xx++) {
                expected[y * 4 + xx] = row0[xx] + 2 * wy;
            }
        }
        Tensor up = x.interpolate(4, 4, Interpolation.BILINEAR);
        assertArrayEquals(new long[] {1, 4, 4}, up.shape());
        assertValues(expected, up);
        Tensor nearest = x.reshape(1, 1, 2, 2).interpolate(4, 4, Interpolation.NEAREST);
        assertEquals(3f, nearest.toHost().data()[15]);
        assertEquals(0f, nearest.toHost().data()[5]);
    }

    /** 2x2 -> 4x4 with corners on corners: source position i * (2 - 1) / (4 - 1). */
    @Test
    void alignCornersUpsamplingMatchesTorch() {
        Tensor x = scope.upload(new FloatArray(new float[] {0, 1, 2, 3}, new long[] {1, 2, 2}));
        float[] t = {0, 1f / 3, 2f / 3, 1};
        float[] expected = new float[16];
        for (int y = 0; y < 4; y++) {
            for (int xx = 0; xx < 4; xx++) {
                expected[y * 4 + xx] = t[xx] + 2 * t[y];
            }
        }
        assertValues(expected, x.interpolate(4, 4, Interpolation.BILINEAR_ALIGN_CORNERS));
    }

    @Test
    void randomNormalComesFromTheNoiseSource() {
        FloatArray a = scope.randomNormal(NoiseSource.seeded(7), 1.0, 2.0, 2, 3).toHost();
        FloatArray plain = NoiseSource.seeded(7).nextStandardNormal(2, 3);
        for (int i = 0; i < 6; i++) {
            assertEquals(1.0f + 2.0f * plain.data()[i], a.data()[i], 1e-6f);
        }
    }
}
