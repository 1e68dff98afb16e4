package dev.loupe.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.testing.Close;
import dev.loupe.core.testing.NpyReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HostTensor against values computed by hand, and its interpolation against PyTorch's. */
class HostTensorTest {

    private static HostTensor t(long[] shape, float... values) {
        return HostTensor.of(new FloatArray(values, shape));
    }

    /** 2x3 matrix [[1,-2,3],[-4,5,-6]]. */
    private static Tensor m() {
        return t(new long[] {2, 3}, 1, -2, 3, -4, 5, -6);
    }

    private static void assertValues(float[] expected, Tensor actual) {
        assertArrayEquals(expected, actual.toHost().data(), 1e-6f);
    }

    private static void assertShape(long[] expected, Tensor actual) {
        assertArrayEquals(expected, actual.shape(), "shape");
    }

    @Test
    void elementwiseAndScalarOperations() {
        Tensor row = t(new long[] {3}, 1, 2, 3);
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
        assertShape(new long[] {2, 3}, m().relu());
    }

    @Test
    void specialValuesFollowPyTorch() {
        Tensor x = t(new long[] {4}, Float.NaN, -1, 0, 2);
        FloatArray relu = x.relu().toHost();
        assertTrue(Float.isNaN(relu.data()[0]), "relu keeps NaN");
        assertTrue(Float.isNaN(x.clamp(0, 1).toHost().data()[0]), "clamp keeps NaN");
        assertTrue(Float.isNaN(x.sqrt().toHost().data()[1]), "sqrt of a negative");
        assertTrue(Float.isNaN(x.max(false).toHost().data()[0]), "max propagates NaN");
        assertTrue(Float.isNaN(x.min(false).toHost().data()[0]), "min propagates NaN");
        assertEquals(Float.POSITIVE_INFINITY, t(new long[] {1}, 1).div(t(new long[] {1}, 0)).toHost().data()[0]);
        // torch.clamp with min > max gives max
        assertValues(new float[] {0, 0, 0}, t(new long[] {3}, -5, 0.5f, 5).clamp(1, 0));
    }

    @Test
    void broadcastingFollowsNumPy() {
        // (3,1) + (1,4) -> (3,4): both operands repeat
        Tensor col = t(new long[] {3, 1}, 0, 10, 20);
        Tensor row = t(new long[] {1, 4}, 1, 2, 3, 4);
        Tensor sum = col.add(row);
        assertShape(new long[] {3, 4}, sum);
        assertValues(new float[] {1, 2, 3, 4, 11, 12, 13, 14, 21, 22, 23, 24}, sum);
        // a rank-0 tensor is a scalar on either side
        Tensor scalar = t(new long[0], 2);
        assertValues(new float[] {0.5f, -1, 1.5f, -2, 2.5f, -3}, m().div(scalar));
        assertValues(new float[] {2, -1, 2f / 3, -0.5f, 0.4f, -1f / 3}, scalar.div(m()));
        assertShape(new long[0], scalar.mul(scalar));
        // (2,1,3) * (4,1) -> (2,4,3)
        Tensor a = t(new long[] {2, 1, 3}, 1, 2, 3, 4, 5, 6);
        Tensor b = t(new long[] {4, 1}, 1, 10, 100, 1000);
        Tensor p = a.mul(b);
        assertShape(new long[] {2, 4, 3}, p);
        assertEquals(600f, p.toHost().data()[(1 * 4 + 2) * 3 + 2]);
        // (B,C,H,W) with (B,C,1,1): each channel of each image scaled by its own weight
        Tensor act = t(new long[] {2, 2, 1, 2}, 1, 2, 3, 4, 5, 6, 7, 8);
        Tensor w = t(new long[] {2, 2, 1, 1}, 1, 10, 100, 1000);
        assertValues(new float[] {1, 2, 30, 40, 500, 600, 7000, 8000}, act.mul(w));
        assertValues(new float[] {1, 2, 30, 40, 5, 6, 70, 80}, act.mul(t(new long[] {1, 2, 1, 1}, 1, 10)));
        assertValues(new float[] {1, 4, 3, 8, 50, 120, 70, 160},
                act.mul(t(new long[] {2, 1, 1, 2}, 1, 2, 10, 20)));
    }

    @Test
    void sizeZeroBroadcastsOnlyWithOneOrZero() {
        Tensor empty = HostTensor.of(FloatArray.zeros(0, 3));
        assertShape(new long[] {0, 3}, empty.add(t(new long[] {1, 3}, 1, 2, 3)));
        assertShape(new long[] {0, 3}, empty.mul(empty));
        assertThrows(IllegalArgumentException.class, () -> empty.add(HostTensor.of(FloatArray.zeros(2, 3))));
    }

    @Test
    void incompatibleShapesAreNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m().add(t(new long[] {2}, 1, 2)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> HostTensor.of(FloatArray.zeros(16, 512, 14, 14)).mul(HostTensor.of(FloatArray.zeros(16, 256, 1, 1))));
        assertTrue(e.getMessage().contains("[16, 512, 14, 14]") && e.getMessage().contains("[16, 256, 1, 1]"),
                e.getMessage());
    }

    /** Random shape pairs, every op, against a direct per-element evaluation of the broadcast rule. */
    @Test
    void broadcastMatchesTheDefinitionOnRandomShapes() {
        Random random = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int rank = 1 + random.nextInt(5);
            long[] out = new long[rank];
            for (int i = 0; i < rank; i++) {
                out[i] = 1 + random.nextInt(4);
            }
            long[] sa = operandShape(out, random);
            long[] sb = operandShape(out, random);
            FloatArray a = random(sa, random);
            FloatArray b = random(sb, random);
            for (Broadcast.Op op : Broadcast.Op.values()) {
                FloatArray expected = naiveBroadcast(op, a, b);
                Tensor ta = HostTensor.of(a);
                Tensor tb = HostTensor.of(b);
                Tensor actual = switch (op) {
                    case ADD -> ta.add(tb);
                    case SUB -> ta.sub(tb);
                    case MUL -> ta.mul(tb);
                    case DIV -> ta.div(tb);
                };
                assertEquals(expected, actual.toHost(), op + " of " + a + " and " + b);
            }
        }
    }

    /** A shape that broadcasts to {@code out}: leading axes dropped, others kept or set to 1. */
    private static long[] operandShape(long[] out, Random random) {
        int drop = random.nextInt(out.length + 1);
        long[] s = new long[out.length - drop];
        for (int i = 0; i < s.length; i++) {
            s[i] = random.nextInt(3) == 0 ? 1 : out[drop + i];
        }
        return s;
    }

    static FloatArray random(long[] shape, Random random) {
        FloatArray a = FloatArray.zeros(shape);
        for (int i = 0; i < a.size(); i++) {
            a.data()[i] = (float) random.nextGaussian();
        }
        return a;
    }

    private static FloatArray naiveBroadcast(Broadcast.Op op, FloatArray a, FloatArray b) {
        long[] out = Broadcast.shape(a.shape(), b.shape());
        FloatArray result = FloatArray.zeros(out);
        int[] index = new int[out.length];
        for (int flat = 0; flat < result.size(); flat++) {
            int rem = flat;
            for (int d = out.length - 1; d >= 0; d--) {
                index[d] = (int) (rem % out[d]);
                rem /= (int) out[d];
            }
            float x = a.data()[offset(a.shape(), index)];
            float y = b.data()[offset(b.shape(), index)];
            result.data()[flat] = switch (op) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> x / y;
            };
        }
        return result;
    }

    /** Offset in an operand of {@code shape} of the result's element at {@code index}. */
    private static int offset(long[] shape, int[] index) {
        int offset = 0;
        for (int d = 0; d < shape.length; d++) {
            int i = index[index.length - shape.length + d];
            offset = offset * (int) shape[d] + (shape[d] == 1 ? 0 : i);
        }
        return offset;
    }

    @Test
    void reductionsOverChosenAxes() {
        assertValues(new float[] {-3, 3, -3}, m().sum(false, 0));
        assertValues(new float[] {2, -5}, m().sum(false, 1));
        assertValues(new float[] {2, -5}, m().sum(false, -1));
        assertValues(new float[] {-3}, m().sum(false, 0, 1).reshape(1));
        assertShape(new long[0], m().sum(false, 0, 1));
        assertShape(new long[0], m().sum(false));
        assertShape(new long[] {1, 1}, m().sum(true));
        assertShape(new long[] {2, 1}, m().mean(true, -1));
        assertValues(new float[] {2f / 3, -5f / 3}, m().mean(true, 1));
        assertValues(new float[] {-0.5f}, m().mean(false, 0, -1).reshape(1));
        assertValues(new float[] {1, 5, 3}, m().max(false, 0));
        assertValues(new float[] {-4, -2, -6}, m().min(false, 0));
        assertValues(new float[] {5}, m().max(false, 0, 1).reshape(1));
        assertValues(new float[] {-6}, m().min(true, 1, 0).reshape(1));
        // a repeated axis counts once
        assertValues(new float[] {2, -5}, m().sum(false, 1, -1));
    }

    @Test
    void reductionsOfEveryAxisSetMatchADirectLoop() {
        Random random = new Random(5);
        long[] shape = {3, 4, 1, 5};
        FloatArray x = random(shape, random);
        for (int mask = 1; mask < 16; mask++) {
            int m = mask;
            // even axes counted from the end, to mix negative and positive axes
            int[] axes = IntStream.range(0, 4).filter(i -> (m & (1 << i)) != 0)
                    .map(i -> i % 2 == 0 ? i - 4 : i).toArray();
            for (Reductions.Kind kind : Reductions.Kind.values()) {
                for (boolean keep : new boolean[] {false, true}) {
                    Tensor actual = switch (kind) {
                        case SUM -> HostTensor.of(x).sum(keep, axes);
                        case MEAN -> HostTensor.of(x).mean(keep, axes);
                        case MAX -> HostTensor.of(x).max(keep, axes);
                        case MIN -> HostTensor.of(x).min(keep, axes);
                    };
                    FloatArray expected = naiveReduce(kind, x, mask, keep);
                    Close.assertClose(actual.toHost(), expected, 1e-6, 1e-7,
                            kind + " over " + Arrays.toString(axes) + " keepDims " + keep);
                }
            }
        }
    }

    private static FloatArray naiveReduce(Reductions.Kind kind, FloatArray x, int mask, boolean keep) {
        long[] shape = x.shape();
        long[] kept = new long[shape.length];
        int n = 0;
        for (int d = 0; d < shape.length; d++) {
            if ((mask & (1 << d)) == 0) {
                kept[n++] = shape[d];
            } else if (keep) {
                kept[n++] = 1;
            }
        }
        long[] outShape = Arrays.copyOf(kept, n);
        int outSize = (int) FloatArray.elementCount(outShape);
        double[] acc = new double[outSize];
        Arrays.fill(acc, kind == Reductions.Kind.MAX ? Double.NEGATIVE_INFINITY
                : kind == Reductions.Kind.MIN ? Double.POSITIVE_INFINITY : 0);
        int[] count = new int[outSize];
        int[] index = new int[shape.length];
        for (int flat = 0; flat < x.size(); flat++) {
            int rem = flat;
            for (int d = shape.length - 1; d >= 0; d--) {
                index[d] = (int) (rem % shape[d]);
                rem /= (int) shape[d];
            }
            int o = 0;
            for (int d = 0; d < shape.length; d++) {
                if ((mask & (1 << d)) == 0) {
                    o = o * (int) shape[d] + index[d];
                }
            }
            double v = x.data()[flat];
            acc[o] = switch (kind) {
                case SUM, MEAN -> acc[o] + v;
                case MAX -> Math.max(acc[o], v);
                case MIN -> Math.min(acc[o], v);
            };
            count[o]++;
        }
        float[] out = new float[outSize];
        for (int i = 0; i < outSize; i++) {
            out[i] = (float) (kind == Reductions.Kind.MEAN ? acc[i] / count[i] : acc[i]);
        }
        return new FloatArray(out, outShape);
    }

    @Test
    void reductionsOfNothing() {
        Tensor empty = HostTensor.of(FloatArray.zeros(2, 0));
        assertValues(new float[] {0, 0}, empty.sum(false, 1));
        assertTrue(Float.isNaN(empty.mean(false, 1).toHost().data()[0]));
        assertShape(new long[] {0}, empty.max(false, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> empty.max(false, 1));
        assertTrue(e.getMessage().contains("[2, 0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m().sum(false, 2));
        assertTrue(e.getMessage().contains("axis 2") && e.getMessage().contains("[2, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m().mean(false, -3));
    }

    @Test
    void reshapeInfersOneDimension() {
        assertShape(new long[] {3, 2}, m().reshape(3, 2));
        assertShape(new long[] {3, 2}, m().reshape(-1, 2));
        assertShape(new long[] {1, 6}, m().reshape(1, -1));
        assertValues(new float[] {1, -2, 3, -4, 5, -6}, m().reshape(6));
        assertShape(new long[0], t(new long[] {1, 1}, 7).reshape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m().reshape(4, 2));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m().reshape(-1, 4));
        assertThrows(IllegalArgumentException.class, () -> m().reshape(-1, -1));
        assertThrows(IllegalArgumentException.class, () -> m().reshape(-2, -3));
        assertThrows(IllegalArgumentException.class, () -> HostTensor.of(FloatArray.zeros(0, 3)).reshape(-1, 0));
    }

    @Test
    void sliceTakesARangeAlongOneAxis() {
        assertValues(new float[] {-2, 3, 5, -6}, m().slice(1, 1, 3));
        assertValues(new float[] {-4, 5, -6}, m().slice(0, 1, 2));
        assertValues(new float[] {3, -6}, m().slice(-1, 2, 3));
        // Python slice rules: negative bounds count from the end, out-of-range bounds are clipped
        assertValues(new float[] {-2, 3, 5, -6}, m().slice(1, -2, 10));
        assertShape(new long[] {2, 0}, m().slice(1, 2, 1));
        Tensor cube = HostTensor.of(new FloatArray(range(24), new long[] {2, 3, 4}));
        assertValues(new float[] {4, 5, 6, 7, 16, 17, 18, 19}, cube.slice(1, 1, 2));
        assertValues(new float[] {1, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22}, cube.slice(2, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> m().slice(2, 0, 1));
    }

    private static float[] range(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    /** 2x2 -> 4x4 with half-pixel centres: source (i + 0.5) / 2 - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25. */
    @Test
    void bilinearByHand() {
        Tensor x = t(new long[] {1, 2, 2}, 0, 1, 2, 3);
        // horizontal weight of the right column along a row: 0, 0.25, 0.75, 1 (1.25 clamps to the last pixel)
        float[] w = {0, 0.25f, 0.75f, 1};
        float[] expected = new float[16];
        for (int y = 0; y < 4; y++) {
            for (int xx = 0; xx < 4; xx++) {
                expected[y * 4 + xx] = w[xx] + 2 * w[y];
            }
        }
        Tensor up = x.interpolate(4, 4, Interpolation.BILINEAR);
        assertShape(new long[] {1, 4, 4}, up);
        assertValues(expected, up);
        float[] t = {0, 1f / 3, 2f / 3, 1};
        for (int y = 0; y < 4; y++) {
            for (int xx = 0; xx < 4; xx++) {
                expected[y * 4 + xx] = t[xx] + 2 * t[y];
            }
        }
        assertValues(expected, x.interpolate(4, 4, Interpolation.BILINEAR_ALIGN_CORNERS));
        // legacy nearest, 3 -> 2: floor(dst * 1.5) = 0, 1; 2 -> 3: floor(dst * 2/3) = 0, 0, 1
        Tensor row = t(new long[] {1, 1, 1, 3}, 7, 8, 9);
        assertValues(new float[] {7, 8}, row.interpolate(1, 2, Interpolation.NEAREST));
        assertValues(new float[] {0, 0, 1, 2, 2, 3}, x.interpolate(2, 3, Interpolation.NEAREST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bilinear", "bilinear_align_corners", "nearest"})
    void interpolationMatchesPyTorch(String mode) throws URISyntaxException {
        // made by make_interpolation_fixture.py next to the .npy files (torch 1.13 CPU, F.interpolate)
        Interpolation interpolation = switch (mode) {
            case "bilinear" -> Interpolation.BILINEAR;
            case "bilinear_align_corners" -> Interpolation.BILINEAR_ALIGN_CORNERS;
            default -> Interpolation.NEAREST;
        };
        Map<String, long[][]> cases = Map.of(
                "small", new long[][] {{7, 9}, {2, 3}, {6, 10}, {1, 1}, {3, 5}, {4, 2}, {14, 11}, {5, 16}},
                "large", new long[][] {{7, 7}, {4, 5}, {5, 31}, {13, 16}, {28, 30}});
        for (Map.Entry<String, long[][]> input : cases.entrySet()) {
            FloatArray values = NpyReader.read(fixture(input.getKey() + ".npy"));
            for (long[] size : input.getValue()) {
                String what = input.getKey() + " " + mode + " to " + size[0] + "x" + size[1];
                FloatArray expected = NpyReader.read(fixture(input.getKey() + "_" + mode + "_" + size[0] + "x" + size[1] + ".npy"));
                Tensor x = HostTensor.of(values);
                FloatArray actual = x.interpolate(size[0], size[1], interpolation).toHost();
                Close.assertClose(actual, expected, 1e-6, 1e-7, what);
                // Resize repeats the kernel's arithmetic (fused multiply-adds included), so the bits
                // agree; a fixture made by a torch build without FMA would need only the line above
                assertEquals(0.0, Close.maxAbsDiff(actual, expected), what + ": bit-exact");
                // rank 3 resizes the same planes
                long[] shape = values.shape();
                Tensor planes = x.reshape(shape[1], shape[2], shape[3]).interpolate(size[0], size[1], interpolation);
                assertArrayEquals(new long[] {shape[1], size[0], size[1]}, planes.shape(), what + " rank 3");
                assertArrayEquals(expected.data(), planes.toHost().data(), what + " rank 3");
            }
        }
    }

    private static Path fixture(String name) throws URISyntaxException {
        URL url = HostTensorTest.class.getResource("interpolation/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource interpolation/" + name);
        }
        return Path.of(url.toURI());
    }

    @Test
    void interpolateRefusesOtherRanksAndEmptySizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m().interpolate(4, 4, Interpolation.BILINEAR));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
        Tensor x = t(new long[] {1, 2, 2}, 0, 1, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> x.interpolate(0, 4, Interpolation.NEAREST));
        assertThrows(IllegalArgumentException.class,
                () -> HostTensor.of(FloatArray.zeros(1, 0, 2)).interpolate(2, 2, Interpolation.BILINEAR));
    }

    @Test
    void operandsAndCopiesAreNeverShared() {
        float[] values = {1, -2, 3, -4, 5, -6};
        FloatArray source = new FloatArray(values, new long[] {2, 3});
        Tensor x = HostTensor.of(source);
        values[0] = 100;
        assertEquals(1f, x.toHost().data()[0], "of() copies");
        x.toHost().data()[1] = 100;
        assertEquals(-2f, x.toHost().data()[1], "toHost() copies");
        Tensor reshaped = x.reshape(6);
        reshaped.toHost().data()[2] = 100;
        assertEquals(3f, x.toHost().data()[2], "reshape shares nothing writable");
        long[] shape = x.shape();
        shape[0] = 9;
        assertShape(new long[] {2, 3}, x);

        FloatArray before = x.toHost();
        Tensor y = t(new long[] {3}, 1, 2, 3);
        FloatArray yBefore = y.toHost();
        Tensor[] results = {
            x.add(y), x.sub(y), x.mul(y), x.div(y), y.add(x), x.add(1), x.mul(2), x.square(), x.sqrt(), x.abs(),
            x.relu(), x.clamp(0, 1), x.sum(false, 0), x.mean(true), x.max(false, 1), x.min(false),
            x.reshape(3, 2), x.slice(1, 0, 2), x.reshape(1, 2, 3).interpolate(4, 5, Interpolation.BILINEAR),
            x.reshape(1, 2, 3).interpolate(4, 5, Interpolation.NEAREST),
            x.reshape(2, 3, 1, 1).interpolate(2, 2, Interpolation.BILINEAR_ALIGN_CORNERS),
        };
        assertEquals(21, results.length);
        assertEquals(before, x.toHost(), "operand unchanged");
        assertEquals(yBefore, y.toHost(), "other operand unchanged");
    }

    @Test
    void tensorsOfOtherBackendsAreRefused() {
        Tensor foreign = new Tensor() {
            @Override public long[] shape() { return new long[] {3}; }
            @Override public Tensor add(Tensor o) { return this; }
            @Override public Tensor sub(Tensor o) { return this; }
            @Override public Tensor mul(Tensor o) { return this; }
            @Override public Tensor div(Tensor o) { return this; }
            @Override public Tensor add(double s) { return this; }
            @Override public Tensor mul(double s) { return this; }
            @Override public Tensor square() { return this; }
            @Override public Tensor sqrt() { return this; }
            @Override public Tensor abs() { return this; }
            @Override public Tensor relu() { return this; }
            @Override public Tensor clamp(double lo, double hi) { return this; }
            @Override public Tensor sum(boolean k, int... a) { return this; }
            @Override public Tensor mean(boolean k, int... a) { return this; }
            @Override public Tensor max(boolean k, int... a) { return this; }
            @Override public Tensor min(boolean k, int... a) { return this; }
            @Override public Tensor reshape(long... s) { return this; }
            @Override public Tensor slice(int a, long s, long e) { return this; }
            @Override public Tensor interpolate(long h, long w, Interpolation m) { return this; }
            @Override public FloatArray toHost() { return FloatArray.zeros(3); }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m().add(foreign));
        assertTrue(e.getMessage().contains("HostTensor"), e.getMessage());
    }
}
