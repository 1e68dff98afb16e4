package dev.loupe.backend.djl;

import static dev.loupe.backend.djl.TinyCnn.C;
import static dev.loupe.backend.djl.TinyCnn.CLASSES;
import static dev.loupe.backend.djl.TinyCnn.H;
import static dev.loupe.backend.djl.TinyCnn.K;
import static dev.loupe.backend.djl.TinyCnn.W;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import dev.loupe.core.LoupeException;
import dev.loupe.core.layer.LayerInfo;
import dev.loupe.core.layer.LayerSelector;
import dev.loupe.core.layer.UnknownLayerException;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.GradientPass;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.Scope;
import dev.loupe.core.tensor.FloatArray;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DJL blocks built in Java, opened with {@link DjlModels}, checked through the Scope API against
 * finite differences and closed-form gradients of {@link TinyCnn}.
 */
class DjlModelsTest {

    private static final long[] INPUT = {C, H, W};
    private static final int[] TARGETS = {0, 2};

    private static NDManager manager;

    @BeforeAll
    static void engine() {
        DjlEngine.pytorch();
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    }

    @AfterAll
    static void release() {
        manager.close();
    }

    private static FloatArray batch(int n, long seed) {
        return new FloatArray(TinyCnn.input(n, seed), new long[] {n, C, H, W});
    }

    private static FloatArray inputGradient(ExplainableModel model, FloatArray x, HookSpec hooks) {
        try (Scope scope = model.openScope()) {
            return scope.gradients(scope.upload(x), hooks, logits -> TARGETS.clone()).inputGradient().toHost();
        }
    }

    /**
     * Central differences of the float64 block, run by the caller's own forward. The network is
     * piecewise linear (conv, BN with running statistics, ReLU, mean, linear), so with steps of
     * 2^-16 on inputs that are multiples of 2^-8 the differences are exact up to float64 rounding
     * (~1e-12 relative) unless a step crosses a ReLU kink, which a fixed input either does or
     * does not, deterministically.
     */
    private static double[] finiteDifferences(TinyCnn net, FloatArray x) {
        int per = C * H * W;
        int n = (int) x.dim(0) * per;
        double h = Math.pow(2, -16);
        double[] rows = new double[2 * n * per];
        for (int e = 0; e < n; e++) {
            int image = e / per;
            for (int s = 0; s < 2; s++) {
                int row = 2 * e + s;
                for (int i = 0; i < per; i++) {
                    rows[row * per + i] = x.data()[image * per + i];
                }
                rows[row * per + e % per] += s == 0 ? h : -h;
            }
        }
        try (NDManager m = manager.newSubManager()) {
            NDArray logits = net.logits(m, m.create(rows, new Shape(2L * n, C, H, W)));
            double[] y = logits.toDoubleArray();
            double[] fd = new double[n];
            for (int e = 0; e < n; e++) {
                int target = TARGETS[e / per];
                fd[e] = (y[2 * e * CLASSES + target] - y[(2 * e + 1) * CLASSES + target]) / (2 * h);
            }
            return fd;
        }
    }

    /** max|actual - expected| <= rtol * max|expected| + atol. */
    private static void assertClose(String what, double[] expected, float[] actual, double rtol, double atol) {
        assertEquals(expected.length, actual.length, what + ": size");
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
        }
        if (Boolean.getBoolean("loupe.test.printDiffs")) {
            System.out.printf("DIFF %s: max|diff| %.3g, max|expected| %.3g%n", what, diff, scale);
        }
        assertTrue(scale > 0, what + ": the expected values are all zero");
        assertTrue(diff <= rtol * scale + atol, what + ": max|diff| " + diff + " > " + rtol + " x " + scale + " + " + atol);
    }

    /**
     * Tolerance 1e-6 x max|gradient|: autograd runs in float64 and only the final cast back to the
     * float32 input rounds (2^-24 ~ 6e-8 relative); the differences are exact to ~1e-12.
     */
    @Test
    void float64InputGradientMatchesCentralDifferencesOfTheBlock() {
        TinyCnn net = new TinyCnn(manager, DataType.FLOAT64, 7);
        FloatArray x = batch(2, 11);
        try (ExplainableModel model = DjlModels.of(net.block, manager, INPUT)) {
            assertClose("float64 input gradient vs differences", finiteDifferences(net, x),
                    inputGradient(model, x, HookSpec.inputOnly()).data(), 1e-6, 0);
        }
    }

    /**
     * The same weights in float32 (they are multiples of 2^-10): float32 convolutions and sums
     * over a few hundred terms round at ~1e-7 relative; 1e-5 x max|gradient| leaves margin.
     */
    @Test
    void float32InputGradientMatchesTheFloat64Differences() {
        FloatArray x = batch(2, 11);
        double[] fd = finiteDifferences(new TinyCnn(manager, DataType.FLOAT64, 7), x);
        try (ExplainableModel model = DjlModels.of(new TinyCnn(manager, DataType.FLOAT32, 7).block, manager, INPUT)) {
            assertClose("float32 input gradient vs differences", fd, inputGradient(model, x, HookSpec.inputOnly()).data(), 1e-5, 0);
        }
    }

    /** Logits and captured maps against the host reference (float32: 1e-5 x max|value|). */
    @Test
    void forwardUsesBatchNormRunningStatisticsAndCapturesChildren() {
        TinyCnn net = new TinyCnn(manager, DataType.FLOAT32, 3);
        FloatArray x = batch(2, 5);
        TinyCnn.Reference ref = net.reference(x.data(), 2);
        try (ExplainableModel model = DjlModels.of(net.block, manager, INPUT); Scope scope = model.openScope()) {
            var pass = scope.forward(scope.upload(x), HookSpec.layers(List.of("0", "1")));
            assertClose("logits", ref.logits(), pass.logits().toHost().data(), 1e-5, 0);
            assertClose("activation 0 (conv)", ref.conv(), pass.activation("0").toHost().data(), 1e-5, 0);
            assertClose("activation 1 (BN + ReLU)", ref.relu(), pass.activation("1").toHost().data(), 1e-5, 0);
        }
    }

    /**
     * After the ReLU come a global average over h x w = 36 positions and a linear layer, so
     * d y_c / d A_k(i,j) = W[c,k] / 36 everywhere, and Grad-CAM's channel weights (the mean of
     * that over i,j) equal W[c,k] / 36. At the conv output the same times gamma_k /
     * sqrt(var_k + eps) where BN's output is positive, else 0. Tolerance 1e-6 absolute (values
     * ~0.03, float32 rounding ~1e-9).
     */
    @Test
    void layerGradientsAreTheHeadWeightsOverTheMapSize() {
        TinyCnn net = new TinyCnn(manager, DataType.FLOAT32, 3);
        FloatArray x = batch(2, 5);
        double[] lw = net.param(net.linear, "weight");
        double[] gamma = net.param(net.norm, "gamma");
        double[] var = net.param(net.norm, "runningVar");
        TinyCnn.Reference ref = net.reference(x.data(), 2);
        int map = H * W;
        double[] atRelu = new double[2 * K * map];
        double[] atConv = new double[atRelu.length];
        double[] camWeights = new double[2 * K];
        for (int n = 0; n < 2; n++) {
            for (int k = 0; k < K; k++) {
                double g = lw[TARGETS[n] * K + k] / map;
                camWeights[n * K + k] = g;
                for (int p = 0; p < map; p++) {
                    int at = (n * K + k) * map + p;
                    atRelu[at] = g;
                    atConv[at] = ref.relu()[at] > 0 ? g * gamma[k] / Math.sqrt(var[k] + (double) TinyCnn.EPS) : 0;
                }
            }
        }
        try (ExplainableModel model = DjlModels.of(net.block, manager, INPUT); Scope scope = model.openScope()) {
            GradientPass pass = scope.gradients(scope.upload(x), HookSpec.layers(List.of("0", "1", "1.1")),
                    logits -> TARGETS.clone());
            assertArrayEquals(TARGETS, pass.targets());
            assertClose("gradient at 1.1 (ReLU)", atRelu, pass.layerGradient("1.1").toHost().data(), 0, 1e-6);
            assertClose("gradient at 1 (nested block)", atRelu, pass.layerGradient("1").toHost().data(), 0, 1e-6);
            assertClose("Grad-CAM weights", camWeights, pass.layerGradient("1").mean(false, 2, 3).toHost().data(), 0, 1e-6);
            assertClose("gradient at 0 (conv)", atConv, pass.layerGradient("0").toHost().data(), 0, 1e-6);
            assertClose("activation 1.1", ref.relu(), pass.activation("1.1").toHost().data(), 1e-5, 0);
            assertArrayEquals(new long[] {2, K, H, W}, pass.activation("1").shape());
        }
    }

    @Test
    void tapsLeaveLogitsAndInputGradientExactlyUnchanged() {
        FloatArray x = batch(2, 13);
        try (ExplainableModel model = DjlModels.of(new TinyCnn(manager, DataType.FLOAT32, 5).block, manager, INPUT)) {
            FloatArray plain = inputGradient(model, x, HookSpec.inputOnly());
            FloatArray tapped = inputGradient(model, x, new HookSpec(List.of("0", "1", "1.0", "1.1", "2", "3"), true));
            assertArrayEquals(plain.data(), tapped.data());
            try (Scope scope = model.openScope()) {
                float[] a = scope.forward(scope.upload(x), HookSpec.none()).logits().toHost().data();
                float[] b = scope.forward(scope.upload(x), HookSpec.layers(List.of("1.1", "3"))).logits().toHost().data();
                assertArrayEquals(a, b);
            }
        }
    }

    @Test
    void listsSequentialChildrenWithPyTorchPaths() {
        try (ExplainableModel model = DjlModels.of(new TinyCnn(manager, DataType.FLOAT32, 1).block, manager, INPUT);
                ExplainableModel same = DjlModels.of(new TinyCnn(manager, DataType.FLOAT32, 1).block, manager, INPUT);
                ExplainableModel other = DjlModels.of(new TinyCnn(manager, DataType.FLOAT32, 2).block, manager, INPUT)) {
            assertEquals(List.of(
                    new LayerInfo("0", "Conv2d", new long[] {1, K, H, W}),
                    new LayerInfo("1", "SequentialBlock", new long[] {1, K, H, W}),
                    new LayerInfo("1.0", "BatchNorm", new long[] {1, K, H, W}),
                    new LayerInfo("1.1", "LambdaBlock", new long[] {1, K, H, W}),
                    new LayerInfo("2", "LambdaBlock", new long[] {1, K}),
                    new LayerInfo("3", "Linear", new long[] {1, CLASSES})), model.layers());
            assertEquals(EnumSet.of(Capability.FORWARD, Capability.INPUT_GRADIENT, Capability.LAYER_ACTIVATION,
                    Capability.LAYER_GRADIENT, Capability.RELU_RULES, Capability.LAYER_SCALING, Capability.PARAMETER_RANDOMIZATION),
                    model.capabilities());
            assertEquals("1", new LayerSelector(model.layers()).auto().path());
            var d = model.description();
            assertEquals("djl", d.backend());
            assertEquals("cpu", d.device());
            assertEquals("DJL block SequentialBlock", d.source());
            assertEquals(CLASSES, d.classCount());
            assertArrayEquals(INPUT, d.inputShape());
            assertTrue(d.sha256().matches("[0-9a-f]{64}"), d.sha256());
            assertEquals(d.sha256(), same.description().sha256(), "same parameters, same digest");
            assertNotEquals(d.sha256(), other.description().sha256());
        }
    }

    @Test
    void unknownLayerNamesTheClosestOnes() {
        try (ExplainableModel model = DjlModels.of(new TinyCnn(manager, DataType.FLOAT32, 1).block, manager, INPUT);
                Scope scope = model.openScope()) {
            var x = scope.upload(batch(1, 1));
            UnknownLayerException e = assertThrows(UnknownLayerException.class,
                    () -> scope.gradients(x, HookSpec.layers(List.of("1.2")), logits -> new int[] {0}));
            assertEquals("1.2", e.layer());
            assertTrue(e.suggestions().contains("1.1"), e.suggestions().toString());
        }
    }

    /**
     * Two global-average-pool + linear branches summed by a ParallelBlock: not sequential, so no
     * layers, and d y_c / d x_k(i,j) = (A[c,k] + B[c,k]) / (h w) in closed form.
     */
    @Test
    void nonSequentialBlockHasOnlyForwardAndInputGradient() {
        Linear a = Linear.builder().setUnits(CLASSES).build();
        Linear b = Linear.builder().setUnits(CLASSES).build();
        Block parallel = new ParallelBlock(
                outs -> new NDList(outs.get(0).singletonOrThrow().add(outs.get(1).singletonOrThrow())),
                List.of(new SequentialBlock().add(Pool.globalAvgPool2dBlock()).add(a),
                        new SequentialBlock().add(Pool.globalAvgPool2dBlock()).add(b)));
        parallel.initialize(manager, DataType.FLOAT32, new Shape(1, C, H, W));
        double[] wa = TinyCnn.values(a.getParameters().get("weight"));
        double[] wb = TinyCnn.values(b.getParameters().get("weight"));
        double[] expected = new double[2 * C * H * W];
        for (int i = 0; i < expected.length; i++) {
            int n = i / (C * H * W);
            int c = i / (H * W) % C;
            expected[i] = (wa[TARGETS[n] * C + c] + wb[TARGETS[n] * C + c]) / (H * W);
        }
        try (ExplainableModel model = DjlModels.of(parallel, manager, INPUT)) {
            assertEquals(List.of(), model.layers());
            assertEquals(EnumSet.of(Capability.FORWARD, Capability.INPUT_GRADIENT), model.capabilities());
            assertEquals("DJL block ParallelBlock", model.description().source());
            assertClose("input gradient", expected, inputGradient(model, batch(2, 3), HookSpec.inputOnly()).data(), 0, 1e-6);
            try (Scope scope = model.openScope()) {
                var x = scope.upload(batch(1, 1));
                assertThrows(UnknownLayerException.class, () -> scope.forward(x, HookSpec.layers(List.of("0"))));
            }
        }
    }

    /** The block keeps working after the model closes, and no gradient ever reached its weights. */
    @Test
    void closingTheModelLeavesTheCallersModelUsable() {
        try (Model djl = Model.newInstance("tiny", Device.cpu(), "PyTorch")) {
            TinyCnn net = new TinyCnn(djl.getNDManager(), DataType.FLOAT32, 9);
            djl.setBlock(net.block);
            FloatArray x = batch(2, 4);
            float[] before;
            try (NDManager m = djl.getNDManager().newSubManager()) {
                before = net.logits(m, m.create(x.data(), new Shape(x.shape()))).toFloatArray();
            }
            ExplainableModel model = DjlModels.of(djl, INPUT);
            assertEquals("DJL model tiny (SequentialBlock)", model.description().source());
            for (int i = 0; i < 3; i++) {
                inputGradient(model, x, new HookSpec(List.of("0", "1"), true));
            }
            model.close();
            NDArray weight = net.conv.getParameters().get("weight").getArray();
            assertTrue(weight.hasGradient(), "DJL marks parameters as requiring gradients; Loupe leaves that as it is");
            try (NDManager m = djl.getNDManager().newSubManager()) {
                NDArray grad = weight.getGradient();
                grad.attach(m);
                assertEquals(0f, grad.abs().sum().getFloat(), "gradients accumulated on the caller's weights");
                assertArrayEquals(before, net.logits(m, m.create(x.data(), new Shape(x.shape()))).toFloatArray());
            }
        }
    }

    /** DJL runs a loaded TorchScript module without autograd outside training: refused. */
    @Test
    void refusesATorchScriptModule() throws Exception {
        Path file = Path.of(getClass().getResource("torchscript/functional_relu_traced.pt").toURI());
        Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(file).optEngine("PyTorch").build();
        try (ZooModel<NDList, NDList> zoo = criteria.loadModel()) {
            LoupeException e = assertThrows(LoupeException.class, () -> DjlModels.of(zoo, INPUT));
            assertTrue(e.getMessage().contains("PtSymbolBlock"), e.getMessage());
            SequentialBlock wrapped = new SequentialBlock().add(zoo.getBlock());
            e = assertThrows(LoupeException.class, () -> DjlModels.of(wrapped, manager, INPUT));
            assertTrue(e.getMessage().contains("child 01PtSymbolBlock"), e.getMessage());
        }
    }

    @Test
    void refusesAnUninitializedBlock() {
        SequentialBlock block = new SequentialBlock().add(Pool.globalAvgPool2dBlock()).add(Linear.builder().setUnits(2).build());
        LoupeException e = assertThrows(LoupeException.class, () -> DjlModels.of(block, manager, INPUT));
        assertTrue(e.getMessage().contains("not initialized"), e.getMessage());
    }
}
