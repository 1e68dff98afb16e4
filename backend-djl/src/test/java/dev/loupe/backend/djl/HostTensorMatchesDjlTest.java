package dev.loupe.backend.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDManager;
import dev.loupe.core.model.Scope;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.HostTensor;
import dev.loupe.core.tensor.Interpolation;
import dev.loupe.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The host tensor the TensorFlow backend computes with against DJL's (PyTorch's) on random
 * inputs: every operation must agree within 1e-6 of the result's largest magnitude plus 1e-7.
 * Run with {@code -Dloupe.test.printDiffs=true} to see each operation's difference.
 */
class HostTensorMatchesDjlTest {

    private static final double RTOL = 1e-6;
    private static final double ATOL = 1e-7;

    private static NDManager root;
    private static Scope scope;
    private final Random random = new Random(20240611);

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

    private FloatArray random(long... shape) {
        FloatArray a = FloatArray.zeros(shape);
        for (int i = 0; i < a.size(); i++) {
            a.data()[i] = (float) (random.nextGaussian() * 3);
        }
        return a;
    }

    private static void check(String op, FloatArray x, UnaryOperator<Tensor> f) {
        compare(op + " of " + Arrays.toString(x.shape()), f.apply(HostTensor.of(x)).toHost(),
                f.apply(scope.upload(x)).toHost());
    }

    private static void check(String op, FloatArray a, FloatArray b, BinaryOperator<Tensor> f) {
        compare(op + " of " + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape()),
                f.apply(HostTensor.of(a), HostTensor.of(b)).toHost(),
                f.apply(scope.upload(a), scope.upload(b)).toHost());
    }

    /** NaN must meet NaN and an infinity the same infinity; elsewhere |host - djl| within the bound. */
    private static void compare(String what, FloatArray host, FloatArray djl) {
        assertArrayEquals(djl.shape(), host.shape(), what + ": shape");
        double scale = 0;
        for (float v : djl.data()) {
            if (Float.isFinite(v)) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < djl.size(); i++) {
            float h = host.data()[i];
            float d = djl.data()[i];
            if (Float.isNaN(h) || Float.isNaN(d) || Float.isInfinite(h) || Float.isInfinite(d)) {
                if (Float.compare(h, d) != 0) {
                    fail(what + ": at " + i + " host " + h + ", djl " + d);
                }
                continue;
            }
            double diff = Math.abs(h - d);
            if (diff > worst) {
                worst = diff;
                worstAt = i;
            }
        }
        double bound = RTOL * scale + ATOL;
        if (Boolean.getBoolean("loupe.test.printDiffs")) {
            System.out.printf("DIFF %s: max|diff| %.3g (%.3g of max|djl| %.3g)%n", what, worst,
                    worst / Math.max(scale, 1e-30), scale);
        }
        if (worst > bound) {
            fail(String.format("%s: max |host - djl| %.3g at %d (host %s, djl %s) exceeds %.3g = %.0e * %.3g + %.0e",
                    what, worst, worstAt, host.data()[worstAt], djl.data()[worstAt], bound, RTOL, scale, ATOL));
        }
    }

    @Test
    void binaryOperationsBroadcastAlike() {
        long[][][] pairs = {
            {{2, 3, 5, 7}, {2, 3, 5, 7}},
            {{4, 8, 14, 14}, {4, 8, 1, 1}},
            {{4, 8, 14, 14}, {1, 8, 1, 1}},
            {{4, 8, 14, 14}, {4, 1, 14, 14}},
            {{4, 8, 14, 14}, {8, 1, 1}},
            {{3, 1}, {1, 4}},
            {{5}, {2, 3, 5}},
            {{2, 1, 3}, {4, 1}},
            {{}, {3, 4}},
            {{16, 512, 14, 14}, {16, 512, 1, 1}},
        };
        for (long[][] pair : pairs) {
            FloatArray a = random(pair[0]);
            FloatArray b = random(pair[1]);
            for (FloatArray[] ab : new FloatArray[][] {{a, b}, {b, a}}) {
                check("add", ab[0], ab[1], Tensor::add);
                check("sub", ab[0], ab[1], Tensor::sub);
                check("mul", ab[0], ab[1], Tensor::mul);
                check("div", ab[0], ab[1], Tensor::div);
            }
        }
    }

    @Test
    void pointwiseOperationsAgree() {
        FloatArray x = random(3, 4, 5, 6);
        check("add(0.3)", x, t -> t.add(0.3));
        check("mul(-1.7)", x, t -> t.mul(-1.7));
        check("square", x, Tensor::square);
        check("sqrt (NaN below 0)", x, Tensor::sqrt);
        check("sqrt of abs", x, t -> t.abs().sqrt());
        check("abs", x, Tensor::abs);
        check("relu", x, Tensor::relu);
        check("clamp(-0.5, 0.7)", x, t -> t.clamp(-0.5, 0.7));
        check("clamp(1e-6, 1e30)", x, t -> t.clamp(1e-6, 1e30));
    }

    @Test
    void reductionsOverEveryAxisSetAgree() {
        FloatArray x = random(2, 3, 4, 5);
        for (int mask = 0; mask < 16; mask++) {
            List<Integer> list = new ArrayList<>();
            for (int axis = 0; axis < 4; axis++) {
                if ((mask & (1 << axis)) != 0) {
                    // odd axes counted from the end, to cover negative axes too
                    list.add(axis % 2 == 1 ? axis - 4 : axis);
                }
            }
            int[] axes = list.stream().mapToInt(Integer::intValue).toArray();
            for (boolean keep : new boolean[] {false, true}) {
                String how = Arrays.toString(axes) + (keep ? " keepDims" : "");
                check("sum " + how, x, t -> t.sum(keep, axes));
                check("mean " + how, x, t -> t.mean(keep, axes));
                check("max " + how, x, t -> t.max(keep, axes));
                check("min " + how, x, t -> t.min(keep, axes));
            }
        }
    }

    @Test
    void reductionsOfActivationSizedTensorsAgree() {
        FloatArray act = random(16, 512, 14, 14);
        check("sum over H,W", act, t -> t.sum(true, 2, 3));
        check("mean over H,W", act, t -> t.mean(false, -2, -1));
        check("max over C", act, t -> t.max(true, 1));
        check("sum over C", act, t -> t.sum(false, 1));
        check("sum over B", act, t -> t.sum(false, 0));
        check("mean over all", act, t -> t.mean(false));
        check("min over C,H,W", act, t -> t.min(false, 1, 2, 3));
    }

    /**
     * Where a long sum cancels, PyTorch's float32 sum is off by far more than 1e-6 of the result
     * (its error grows with the sum of |x|), while HostTensor's double accumulator gives the exact
     * sum rounded once. So here the bound is relative to the sum of |x|, not to the result.
     */
    @Test
    void sumsThatCancelAreExactOnTheHost() {
        FloatArray x = FloatArray.zeros(100_000);
        double exact = 0;
        double magnitude = 0;
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (i % 2 == 0 ? 1 : -1) * (1000f + i * 0.001f) + (float) random.nextGaussian();
            exact += x.data()[i];
            magnitude += Math.abs(x.data()[i]);
        }
        float host = HostTensor.of(x).sum(false, 0).toHost().data()[0];
        float djl = scope.upload(x).sum(false, 0).toHost().data()[0];
        if (Boolean.getBoolean("loupe.test.printDiffs")) {
            System.out.printf("DIFF cancelling sum: exact %.6f, host %s, djl %s, sum|x| %.3g%n", exact, host, djl, magnitude);
        }
        if (host != (float) exact || Math.abs(host - djl) > 1e-6 * magnitude) {
            fail("cancelling sum: exact " + exact + ", host " + host + ", djl " + djl
                    + ", |host - djl| " + Math.abs(host - djl) + " against 1e-6 * sum|x| = " + 1e-6 * magnitude);
        }
    }

    @Test
    void reshapeAndSliceAgree() {
        FloatArray x = random(2, 3, 4, 5);
        check("reshape(6, -1)", x, t -> t.reshape(6, -1));
        check("reshape(-1)", x, t -> t.reshape(-1));
        check("reshape(2, 3, 20)", x, t -> t.reshape(2, 3, 20));
        check("slice(0, 1, 2)", x, t -> t.slice(0, 1, 2));
        check("slice(1, 0, 2)", x, t -> t.slice(1, 0, 2));
        check("slice(2, 1, 3)", x, t -> t.slice(2, 1, 3));
        check("slice(-1, 2, 5)", x, t -> t.slice(-1, 2, 5));
        check("slice(3, -3, -1)", x, t -> t.slice(3, -3, -1));
        check("slice(1, 1, 10)", x, t -> t.slice(1, 1, 10));
    }

    @Test
    void interpolationAgreesInEveryMode() {
        long[][] cases = {
            // input shape..., output height, output width
            {2, 3, 7, 7, 224, 224},
            {2, 3, 7, 7, 13, 17},
            {1, 2, 14, 14, 7, 7},
            {1, 2, 15, 9, 4, 5},
            {1, 2, 6, 8, 12, 16},
            {1, 1, 10, 10, 3, 23},
            {1, 2, 5, 5, 5, 5},
            {1, 2, 3, 5, 1, 1},
            {2, 2, 1, 1, 3, 3},
            {3, 7, 7, 224, 224},
            {4, 9, 6, 11, 4},
        };
        for (long[] c : cases) {
            long[] shape = Arrays.copyOf(c, c.length - 2);
            long height = c[c.length - 2];
            long width = c[c.length - 1];
            FloatArray x = random(shape);
            boolean shrinks = height < shape[shape.length - 2] || width < shape[shape.length - 1];
            for (Interpolation mode : Interpolation.values()) {
                if (mode == Interpolation.BILINEAR && shrinks) {
                    // DjlTensor asks DJL 0.35.1 for interpolation mode 1, which is antialiased
                    // bilinear: F.interpolate(..., antialias=True), equal to plain bilinear only
                    // when enlarging. Tensor promises no antialiasing; HostTensor's shrinking is
                    // checked against torch's upsample_bilinear2d by HostTensorTest's fixture.
                    continue;
                }
                check(mode + " to " + height + "x" + width, x, t -> t.interpolate(height, width, mode));
            }
        }
    }

    @Test
    void aGradCamLikeChainAgrees() {
        FloatArray act = random(4, 64, 7, 7);
        FloatArray grad = random(4, 64, 7, 7);
        check("weights * activations, relu, upsample, normalise", act, grad, (a, g) -> {
            Tensor weights = g.mean(true, 2, 3);
            Tensor cam = a.mul(weights).sum(true, 1).relu();
            Tensor up = cam.interpolate(224, 224, Interpolation.BILINEAR);
            Tensor low = up.min(true, 2, 3);
            Tensor range = up.max(true, 2, 3).sub(low).add(1e-7);
            return up.sub(low).div(range);
        });
    }
}
