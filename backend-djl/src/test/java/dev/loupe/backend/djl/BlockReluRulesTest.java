package dev.loupe.backend.djl;

import static dev.loupe.backend.djl.TinyCnn.C;
import static dev.loupe.backend.djl.TinyCnn.CLASSES;
import static dev.loupe.backend.djl.TinyCnn.H;
import static dev.loupe.backend.djl.TinyCnn.K;
import static dev.loupe.backend.djl.TinyCnn.W;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.loupe.core.LoupeException;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ReluRule;
import dev.loupe.core.model.Scope;
import dev.loupe.core.tensor.FloatArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Guided backprop and deconvnet on a DJL SequentialBlock (TinyCnn: conv, BN, ReLU, global mean,
 * linear), against the analytic answer. The gradient reaching the ReLU output of channel k at
 * any pixel is W[c,k]/(H*W), so the rules act per channel: guided passes
 * W[c,k]/(H*W) * 1[s>0] * 1[W[c,k]>0], deconvnet W[c,k]/(H*W) * 1[W[c,k]>0], plain
 * W[c,k]/(H*W) * 1[s>0]; then back through BN (gamma/sqrt(var+eps)) and the convolution.
 */
class BlockReluRulesTest {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        DjlEngine.pytorch();
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void release() {
        manager.close();
    }

    @ParameterizedTest
    @EnumSource(ReluRule.class)
    void matchesTheAnalyticGradient(ReluRule rule) {
        TinyCnn net = new TinyCnn(manager, DataType.FLOAT64, 11);
        int batch = 2;
        int[] targets = {1, 2};
        float[] x = TinyCnn.input(batch, 5);
        double[] expected = analytic(net, x, batch, targets, rule);
        try (ExplainableModel model = DjlModels.of(net.block, manager, new long[] {C, H, W});
                Scope scope = model.openScope()) {
            FloatArray actual = scope.gradients(scope.upload(new FloatArray(x, new long[] {batch, C, H, W})),
                    HookSpec.inputOnly().withReluRule(rule), logits -> targets.clone()).inputGradient().toHost();
            double scale = 0;
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                scale = Math.max(scale, Math.abs(expected[i]));
                worst = Math.max(worst, Math.abs(expected[i] - actual.data()[i]));
            }
            assertTrue(scale > 0, "the analytic gradient should not vanish");
            // float64 block, float32 result: rounding to float32 is ~6e-8 relative
            assertTrue(worst <= 1e-6 * scale, rule + ": max |diff| " + worst + " vs max " + scale);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ReluRule.class, names = {"GUIDED", "DECONVNET"})
    void aBlockWithoutReluChildrenIsRefused(ReluRule rule) {
        SequentialBlock noRelu = new SequentialBlock().add(ai.djl.nn.Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(2).build());
        noRelu.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 2, 2));
        try (ExplainableModel model = DjlModels.of(noRelu, manager, new long[] {3, 2, 2}); Scope scope = model.openScope()) {
            LoupeException e = assertThrows(LoupeException.class, () -> scope.gradients(
                    scope.upload(FloatArray.zeros(1, 3, 2, 2)), HookSpec.inputOnly().withReluRule(rule), l -> new int[] {0}));
            assertTrue(e.getMessage().contains("no Activation.reluBlock()"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(value = ReluRule.class, names = {"GUIDED"})
    void aReluHiddenInAnotherBlockIsRefused(ReluRule rule) {
        SequentialBlock hidden = new SequentialBlock()
                .add(new ai.djl.nn.ParallelBlock(list -> list.get(0),
                        java.util.List.of(new SequentialBlock().add(Activation.reluBlock()))))
                .add(ai.djl.nn.Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(2).build());
        hidden.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 2, 2));
        try (ExplainableModel model = DjlModels.of(hidden, manager, new long[] {3, 2, 2}); Scope scope = model.openScope()) {
            LoupeException e = assertThrows(LoupeException.class, () -> scope.gradients(
                    scope.upload(FloatArray.zeros(1, 3, 2, 2)), HookSpec.inputOnly().withReluRule(rule), l -> new int[] {0}));
            assertTrue(e.getMessage().contains("cannot be changed"), e.getMessage());
        }
    }

    private static double[] analytic(TinyCnn net, float[] x, int batch, int[] targets, ReluRule rule) {
        double[] w = net.param(net.conv, "weight");
        double[] gamma = net.param(net.norm, "gamma");
        double[] var = net.param(net.norm, "runningVar");
        double[] lw = net.param(net.linear, "weight");
        TinyCnn.Reference ref = net.reference(x, batch);
        assertEquals(batch * K * H * W, ref.relu().length);
        double[] grad = new double[batch * C * H * W];
        for (int n = 0; n < batch; n++) {
            for (int k = 0; k < K; k++) {
                double up = lw[targets[n] * K + k] / (H * W);
                double bnScale = gamma[k] / Math.sqrt(var[k] + (double) TinyCnn.EPS);
                for (int i = 0; i < H; i++) {
                    for (int j = 0; j < W; j++) {
                        boolean active = ref.relu()[((n * K + k) * H + i) * W + j] > 0;
                        double g = switch (rule) {
                            case PLAIN -> active ? up : 0;
                            case GUIDED -> active && up > 0 ? up : 0;
                            case DECONVNET -> up > 0 ? up : 0;
                        };
                        double atConv = g * bnScale;
                        for (int c = 0; c < C; c++) {
                            for (int di = 0; di < 3; di++) {
                                for (int dj = 0; dj < 3; dj++) {
                                    int ii = i + di - 1;
                                    int jj = j + dj - 1;
                                    if (ii >= 0 && ii < H && jj >= 0 && jj < W) {
                                        grad[((n * C + c) * H + ii) * W + jj] += atConv * w[((k * C + c) * 3 + di) * 3 + dj];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assertEquals(CLASSES * K, lw.length);
        return grad;
    }
}
