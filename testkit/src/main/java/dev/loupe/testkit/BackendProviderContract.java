package dev.loupe.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.LoupeException;
import dev.loupe.core.layer.LayerInfo;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ForwardPass;
import dev.loupe.core.model.GradientPass;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.model.ReluRule;
import dev.loupe.core.model.Scope;
import dev.loupe.core.model.TargetResolver;
import dev.loupe.core.spi.BackendProvider;
import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The hook contract every backend keeps, as a JUnit 5 suite: extend it with the provider and a
 * small model it opens. The gradients are checked against central finite differences of the
 * backend's own forward pass, along the gradient's own direction and along random ones (a
 * directional derivative averages over many inputs, so a ReLU kink near one pixel does not decide
 * the result):
 * <ul>
 *   <li>input gradient: {@code (f(x + eps v) - f(x - eps v)) / 2 eps} against {@code g . v};</li>
 *   <li>layer gradient, through {@link Scope#forwardScaled}: scaling the layer's output a by
 *       {@code 1 + eps u} moves it by {@code eps (a * u)}, so the same quotient is checked against
 *       {@code grad_a . (a * u)}.</li>
 * </ul>
 * Also: logits do not depend on the batch or on hooks; captured activations have the shapes
 * {@link ExplainableModel#layers()} declares; ReLU rules and hooks do not outlive their pass,
 * not even a failing one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Experimental
public abstract class BackendProviderContract {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]*$");
    private static final int DIRECTIONS = 4;

    private ExplainableModel model;

    protected abstract BackendProvider provider();

    /** A small model the backend opens, with its input shape. */
    protected abstract ModelSpec modelSpec();

    /** A capturable layer (a convolution block's output, say) whose activation and gradient are checked. */
    protected abstract String layer();

    /** The finite-difference step, in input (and relative layer-output) units. */
    protected double epsilon() {
        return 1e-3;
    }

    /** The largest accepted |finite difference - analytic| relative to the larger of the two. */
    protected double gradientTolerance() {
        return 2e-2;
    }

    @BeforeAll
    void open() {
        model = provider().open(modelSpec());
    }

    @AfterAll
    void close() {
        if (model != null) {
            model.close();
        }
    }

    /** Two images drawn from a seeded uniform distribution over [-1, 1]. */
    protected FloatArray input() {
        long[] chw = modelSpec().inputShape();
        SplittableRandom random = new SplittableRandom(7);
        float[] values = new float[(int) (2 * chw[0] * chw[1] * chw[2])];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return new FloatArray(values, new long[] {2, chw[0], chw[1], chw[2]});
    }

    @Test
    void nameAndRecognition() {
        assertTrue(NAME.matcher(provider().name()).matches(), "name '" + provider().name() + "' must match " + NAME);
        assertTrue(provider().recognizes(modelSpec().path()), provider().name() + " does not recognise its own test model");
        assertEquals(List.of(box(modelSpec().inputShape())), List.of(box(model.description().inputShape())));
        assertTrue(model.capabilities().contains(Capability.FORWARD), "every backend offers FORWARD");
    }

    @Test
    void logitsDependNeitherOnTheBatchNorOnHooks() {
        FloatArray x = input();
        try (Scope scope = model.openScope()) {
            FloatArray batch = scope.forward(scope.upload(x), HookSpec.none()).logits().toHost();
            assertEquals(2, batch.rank());
            assertEquals(model.description().classCount(), batch.dim(1), "logits have classCount() columns");
            FloatArray hooked = scope.forward(scope.upload(x), HookSpec.layers(List.of(layer()))).logits().toHost();
            Maps.assertClose(batch, hooked, 0, "logits with a layer hook");
            for (int b = 0; b < 2; b++) {
                FloatArray image = x.slice(b);
                FloatArray alone = scope.forward(scope.upload(image.reshape(prepend(1, image.shape()))), HookSpec.none())
                        .logits().toHost();
                Maps.assertClose(batch.slice(b).reshape(1, batch.dim(1)), alone, 1e-5, "image " + b + " alone");
            }
        }
    }

    @Test
    void activationsHaveTheDeclaredShapes() {
        LayerInfo info = model.layers().stream().filter(l -> l.path().equals(layer())).findFirst()
                .orElseThrow(() -> new AssertionError("layer() '" + layer() + "' is not in layers()"));
        try (Scope scope = model.openScope()) {
            ForwardPass pass = scope.forward(scope.upload(input()), HookSpec.layers(List.of(layer())));
            long[] expected = info.outputShape().clone();
            expected[0] = 2;
            assertArrayEquals(expected, pass.activation(layer()).shape(), "activation of " + layer() + " at batch 2");
        }
    }

    @Test
    void inputGradientMatchesFiniteDifferences() {
        FloatArray x = input();
        try (Scope scope = model.openScope()) {
            GradientPass pass = scope.gradients(scope.upload(x), HookSpec.inputOnly(), firstClass());
            float[] g = pass.inputGradient().toHost().data();
            SplittableRandom random = new SplittableRandom(11);
            for (int d = 0; d < DIRECTIONS; d++) {
                float[] v = d == 0 ? along(g) : direction(random, x.size());
                double numeric = (firstLogitSum(scope, shifted(x, v, epsilon())) - firstLogitSum(scope, shifted(x, v, -epsilon())))
                        / (2 * epsilon());
                assertAgrees(numeric, dot(g, v), norm(g) * norm(v), "input gradient along direction " + d);
            }
        }
    }

    @Test
    void layerGradientMatchesFiniteDifferences() {
        assertTrue(model.capabilities().contains(Capability.LAYER_SCALING),
                "the layer-gradient check changes the layer's output through forwardScaled (LAYER_SCALING)");
        FloatArray x = input();
        try (Scope scope = model.openScope()) {
            GradientPass pass = scope.gradients(scope.upload(x), HookSpec.layers(List.of(layer())), firstClass());
            FloatArray a = pass.activation(layer()).toHost();
            float[] grad = pass.layerGradient(layer()).toHost().data();
            float[] aGrad = new float[grad.length];
            for (int i = 0; i < grad.length; i++) {
                aGrad[i] = grad[i] * a.data()[i];
            }
            SplittableRandom random = new SplittableRandom(13);
            for (int d = 0; d < DIRECTIONS; d++) {
                // a relative change u of the output a moves it by a * u, so the slope is (grad * a) . u
                float[] u = d == 0 ? along(aGrad) : direction(random, a.size());
                double plus = scaledTargetSum(scope, x, a.shape(), u, epsilon());
                double minus = scaledTargetSum(scope, x, a.shape(), u, -epsilon());
                assertAgrees((plus - minus) / (2 * epsilon()), dot(aGrad, u), norm(aGrad) * norm(u),
                        "layer gradient along direction " + d);
            }
        }
    }

    @Test
    void reluRulesAndHooksDoNotOutliveTheirPass() {
        FloatArray x = input();
        try (Scope scope = model.openScope()) {
            FloatArray plain = scope.gradients(scope.upload(x), HookSpec.inputOnly(), firstClass()).inputGradient().toHost();
            if (model.capabilities().contains(Capability.RELU_RULES)) {
                scope.gradients(scope.upload(x), HookSpec.inputOnly().withReluRule(ReluRule.GUIDED), firstClass());
            }
            assertThrows(LoupeException.class,
                    () -> scope.gradients(scope.upload(x), HookSpec.layers(List.of("no.such.layer")), firstClass()),
                    "an unknown layer in a hook must be refused");
            FloatArray again = scope.gradients(scope.upload(x), HookSpec.inputOnly(), firstClass()).inputGradient().toHost();
            Maps.assertClose(plain, again, 0, "plain input gradient after a guided pass and a refused hook");
        }
    }

    /**
     * Along the gradient itself the slope is |g| |v|, the largest there is, and must match to the
     * tolerance. Along a random direction the slope nearly cancels, so the error is measured
     * against the Cauchy-Schwarz bound |g| |v| instead of the (tiny) slope.
     */
    private void assertAgrees(double numeric, double analytic, double bound, String what) {
        assertTrue(bound > 1e-6, what + ": the gradient is ~0; pick a layer and model with signal");
        assertTrue(Math.abs(numeric - analytic) <= gradientTolerance() * bound,
                what + ": finite difference " + numeric + " vs analytic " + analytic + " (bound |g||v| = " + bound + ")");
    }

    /** The direction of {@code g}, scaled so its largest entry is 1 (steps of epsilon stay small). */
    private static float[] along(float[] g) {
        double max = 0;
        for (float v : g) {
            max = Math.max(max, Math.abs(v));
        }
        float[] v = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            v[i] = (float) (g[i] / max);
        }
        return v;
    }

    private static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }

    private double firstLogitSum(Scope scope, FloatArray x) {
        return sumColumn(scope.forward(scope.upload(x), HookSpec.none()).logits().toHost(), 0);
    }

    private double scaledTargetSum(Scope scope, FloatArray x, long[] shape, float[] u, double eps) {
        float[] factor = new float[u.length];
        for (int i = 0; i < u.length; i++) {
            factor[i] = (float) (1 + eps * u[i]);
        }
        FloatArray logits = scope.forwardScaled(scope.upload(x), layer(), scope.upload(new FloatArray(factor, shape)))
                .logits().toHost();
        return sumColumn(logits, 0);
    }

    private static double sumColumn(FloatArray logits, int column) {
        double sum = 0;
        for (int b = 0; b < logits.dim(0); b++) {
            sum += logits.data()[(int) (b * logits.dim(1) + column)];
        }
        return sum;
    }

    /** Class 0 for every image: the backward starts from the sum of the images' first logits. */
    private static TargetResolver firstClass() {
        return logits -> new int[(int) logits.dim(0)];
    }

    private static float[] direction(SplittableRandom random, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = random.nextBoolean() ? 1f : -1f;
        }
        return v;
    }

    private static FloatArray shifted(FloatArray x, float[] v, double eps) {
        float[] out = x.data().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += (float) (eps * v[i]);
        }
        return new FloatArray(out, x.shape());
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static long[] prepend(long first, long[] rest) {
        long[] out = new long[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static List<Long> box(long[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }
}
