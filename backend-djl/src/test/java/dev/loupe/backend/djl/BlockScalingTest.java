package dev.loupe.backend.djl;

import static dev.loupe.backend.djl.TinyCnn.C;
import static dev.loupe.backend.djl.TinyCnn.CLASSES;
import static dev.loupe.backend.djl.TinyCnn.H;
import static dev.loupe.backend.djl.TinyCnn.K;
import static dev.loupe.backend.djl.TinyCnn.W;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import dev.loupe.core.LoupeException;
import dev.loupe.core.layer.UnknownLayerException;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.Scope;
import dev.loupe.core.tensor.FloatArray;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scope.forwardScaled on a DJL SequentialBlock (TinyCnn: 0 conv, 1 = [1.0 BN, 1.1 ReLU], 2 mean,
 * 3 linear) against the two halves run by hand with the caller's own ParameterStore: children up
 * to the layer, times the factor, the remaining children.
 */
class BlockScalingTest {

    private static final int BATCH = 2;
    private static final long[] INPUT = {C, H, W};

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

    /** Per image and channel: image 0 keeps every channel but 1, image 1 has them scaled by 0.5, 2, 0, 1.5. */
    private static final float[] FACTOR = {1, 0, 1, 1, 0.5f, 2, 0, 1.5f};

    @ParameterizedTest
    @CsvSource({"0, 1", "1.0, 1", "1.1, 2", "1, 2"})
    void equalsTheTwoHalvesComputedByHand(String layer, int childrenBefore) {
        TinyCnn net = new TinyCnn(manager, DataType.FLOAT32, 3);
        FloatArray x = new FloatArray(TinyCnn.input(BATCH, 5), new long[] {BATCH, C, H, W});
        try (NDManager m = manager.newSubManager()) {
            float[] expected = byHand(net, m, x, layer, childrenBefore).toFloatArray();
            try (ExplainableModel model = DjlModels.of(net.block, manager, INPUT); Scope scope = model.openScope()) {
                assertTrue(model.capabilities().contains(Capability.LAYER_SCALING));
                float[] actual = scope.forwardScaled(scope.upload(x), layer,
                        scope.upload(new FloatArray(FACTOR, new long[] {BATCH, K, 1, 1}))).logits().toHost().data();
                assertArrayEquals(expected, actual, layer);
                float[] plain = net.logits(m, m.create(x.data(), new Shape(x.shape()))).toFloatArray();
                assertTrue(maxAbsDiff(plain, actual) > 1e-3, "the factor changes the logits");
            }
        }
    }

    /**
     * The caller's forward, split at {@code layer}: the root's first {@code childrenBefore}
     * children (for 1.0, child 0 then BN inside child 1), times the factor, then the rest.
     */
    private static NDArray byHand(TinyCnn net, NDManager m, FloatArray x, String layer, int childrenBefore) {
        ParameterStore store = new ParameterStore(m, false);
        List<Block> root = net.block.getChildren().values();
        NDArray factor = m.create(FACTOR, new Shape(BATCH, K, 1, 1));
        NDList a = new NDList(m.create(x.data(), new Shape(x.shape())));
        if (layer.equals("1.0")) {
            a = root.get(0).forward(store, a, false);
            List<Block> inner = root.get(1).getChildren().values();
            a = inner.get(0).forward(store, a, false);
            a = new NDList(a.singletonOrThrow().mul(factor));
            a = inner.get(1).forward(store, a, false);
            childrenBefore = 2;
        } else {
            for (int i = 0; i < childrenBefore; i++) {
                a = root.get(i).forward(store, a, false);
            }
            a = new NDList(a.singletonOrThrow().mul(factor));
        }
        for (int i = childrenBefore; i < root.size(); i++) {
            a = root.get(i).forward(store, a, false);
        }
        return a.singletonOrThrow();
    }

    @Test
    void aFactorOfOnesGivesThePlainForwardExactly() {
        TinyCnn net = new TinyCnn(manager, DataType.FLOAT64, 4);
        FloatArray x = new FloatArray(TinyCnn.input(BATCH, 6), new long[] {BATCH, C, H, W});
        float[] ones = new float[CLASSES * BATCH];
        Arrays.fill(ones, 1f);
        try (ExplainableModel model = DjlModels.of(net.block, manager, INPUT); Scope scope = model.openScope()) {
            float[] plain = scope.forward(scope.upload(x), HookSpec.none()).logits().toHost().data();
            float[] scaled = scope.forwardScaled(scope.upload(x), "3",
                    scope.upload(new FloatArray(ones, new long[] {BATCH, CLASSES}))).logits().toHost().data();
            assertArrayEquals(plain, scaled);
        }
    }

    @Test
    void refusesUnknownLayersAndFactorsThatDoNotBroadcast() {
        TinyCnn net = new TinyCnn(manager, DataType.FLOAT32, 1);
        FloatArray x = new FloatArray(TinyCnn.input(BATCH, 1), new long[] {BATCH, C, H, W});
        try (ExplainableModel model = DjlModels.of(net.block, manager, INPUT); Scope scope = model.openScope()) {
            var one = scope.upload(new FloatArray(new float[] {1}, new long[] {1}));
            UnknownLayerException unknown = assertThrows(UnknownLayerException.class,
                    () -> scope.forwardScaled(scope.upload(x), "1.2", one));
            assertTrue(unknown.suggestions().contains("1.1"), unknown.suggestions().toString());
            var wide = scope.upload(new FloatArray(new float[2 * (K + 1)], new long[] {BATCH, K + 1, 1, 1}));
            LoupeException e = assertThrows(LoupeException.class, () -> scope.forwardScaled(scope.upload(x), "1", wide));
            assertTrue(e.getMessage().contains("its dimension 1 is " + (K + 1) + " where the output has " + K), e.getMessage());
        }
    }

    @Test
    void aBlockThatIsNotSequentialCannotScale() {
        Block parallel = new ParallelBlock(outs -> outs.get(0),
                List.of(new SequentialBlock().add(Pool.globalAvgPool2dBlock())));
        parallel.initialize(manager, DataType.FLOAT32, new Shape(1, C, H, W));
        FloatArray x = new FloatArray(TinyCnn.input(1, 1), new long[] {1, C, H, W});
        try (ExplainableModel model = DjlModels.of(parallel, manager, INPUT); Scope scope = model.openScope()) {
            assertFalse(model.capabilities().contains(Capability.LAYER_SCALING));
            var one = scope.upload(new FloatArray(new float[] {1}, new long[] {1}));
            UnknownLayerException e = assertThrows(UnknownLayerException.class, () -> scope.forwardScaled(scope.upload(x), "0", one));
            assertTrue(e.getMessage().contains("not a SequentialBlock"), e.getMessage());
        }
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
