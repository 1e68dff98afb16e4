package dev.loupe.methods.cam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import dev.loupe.backend.djl.DjlModels;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explanations;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.explain.Target;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.tensor.FloatArray;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Answers known in closed form, on a model built in the test: layer "0" is a 1x1 convolution whose
 * channel 0 copies the input's channel 0 and whose channel 1 is the constant 1 (zero weights, bias
 * 1); then global average pooling and a linear head W (bias 0). So y_c = W[c,0] mean(x_0) + W[c,1],
 * and with values that are multiples of 2^-4, the maps are exact in float32.
 */
class CamPropertiesTest {

    private static final ExplainerRegistry REGISTRY = ExplainerRegistry.load();
    private static final float[] HEAD = {0.5f, -0.25f, -1f, 2f, 0.75f, 0.125f};
    private static NDManager manager;
    private static ExplainableModel model;

    @BeforeAll
    static void build() {
        Engine.getEngine("PyTorch");
        manager = NDManager.newBaseManager("PyTorch");
        SequentialBlock block = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(2).build())
                .add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(3).build());
        block.setInitializer((m, shape, type) -> {
            if (shape.dimension() == 4) { // conv weight (2, 2, 1, 1): out 0 = in 0, out 1 = 0
                return m.create(new float[] {1, 0, 0, 0}, shape);
            }
            return m.create(HEAD, shape);
        }, Parameter.Type.WEIGHT);
        block.setInitializer((m, shape, type) -> shape.size() == 2 ? m.create(new float[] {0, 1}, shape) : m.zeros(shape),
                Parameter.Type.BIAS);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 3, 3));
        model = DjlModels.of(block, manager, new long[] {2, 3, 3});
    }

    @AfterAll
    static void release() {
        model.close();
        manager.close();
    }

    private static FloatArray input() {
        float[] x = new float[18];
        for (int i = 0; i < 9; i++) {
            x[i] = (i % 4 - 1) / 4f; // channel 0: -0.25 .. 0.5
            x[9 + i] = 3; // channel 1 is ignored by the convolution
        }
        return new FloatArray(x, new long[] {1, 2, 3, 3});
    }

    private static Attribution explain(String method, Map<String, ?> params, int target) {
        return Explanations.explain(REGISTRY.create(method, params, model), model, input(), List.of(Target.index(target)),
                Labels.none()).get(0);
    }

    @Test
    void camIsTheHeadWeightedSumOfChannels() {
        for (int c = 0; c < 3; c++) {
            float[] map = explain("cam", Map.of("layer", "0"), c).map().data();
            for (int i = 0; i < 9; i++) {
                assertEquals(HEAD[2 * c] * input().data()[i] + HEAD[2 * c + 1], map[i], 1e-6, "class " + c + " pixel " + i);
            }
        }
    }

    @Test
    void gradCamEqualsCamOverPositionsOnThisArchitecture() {
        float[] cam = explain("cam", Map.of("layer", "0"), 1).map().data();
        float[] grad = explain("grad-cam", Map.of("layer", "0", "relu", false), 1).map().data();
        for (int i = 0; i < 9; i++) {
            assertEquals(cam[i] / 9, grad[i], 1e-6);
        }
    }

    @Test
    void ablationCamWeighsEachChannelByItsShareOfTheScore() {
        int c = 0;
        double mean0 = 0;
        for (int i = 0; i < 9; i++) {
            mean0 += input().data()[i] / 9.0;
        }
        double y = HEAD[2 * c] * mean0 + HEAD[2 * c + 1];
        // zeroing channel k removes W[c,k] mean(A^k) from y
        double w0 = HEAD[2 * c] * mean0 / y;
        double w1 = HEAD[2 * c + 1] / y;
        float[] map = explain("ablation-cam", Map.of("layer", "0", "relu", false), c).map().data();
        for (int i = 0; i < 9; i++) {
            assertEquals(w0 * input().data()[i] + w1, map[i], 1e-5, "pixel " + i);
        }
    }

    @Test
    void scoreCamGivesAConstantChannelAZeroMaskNotNaN() {
        int c = 2; // W = (0.75, 0.125)
        float[] x = input().data();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < 9; i++) {
            min = Math.min(min, x[i]);
            max = Math.max(max, x[i]);
        }
        double masked = 0; // mean of x_0 * M_0, M_0 = x_0 min-max scaled (the 3x3 layer is the input's size)
        for (int i = 0; i < 9; i++) {
            masked += x[i] * (x[i] - min) / (max - min + 1e-8) / 9;
        }
        double s0 = HEAD[2 * c] * masked + HEAD[2 * c + 1];
        double s1 = HEAD[2 * c + 1]; // M_1 = 0: only the constant channel's bias reaches the head
        double w0 = Math.exp(s0) / (Math.exp(s0) + Math.exp(s1));
        float[] map = explain("score-cam", Map.of("layer", "0", "relu", false, "batch-size", 1), c).map().data();
        for (int i = 0; i < 9; i++) {
            assertTrue(Float.isFinite(map[i]));
            assertEquals(w0 * x[i] + (1 - w0), map[i], 1e-6, "pixel " + i);
        }
    }

    @Test
    void hiResAndLayerCamAreElementwiseProducts() {
        // dy/dA^k = W[c,k] / 9 everywhere: HiResCAM = sum_k W[c,k]/9 A^k; LayerCAM keeps positive W only
        int c = 1; // W = (-1, 2)
        float[] hires = explain("hires-cam", Map.of("layer", "0", "relu", false), c).map().data();
        float[] layer = explain("layer-cam", Map.of("layer", "0", "relu", false), c).map().data();
        for (int i = 0; i < 9; i++) {
            float x0 = input().data()[i];
            assertEquals((-1f * x0 + 2f) / 9, hires[i], 1e-6);
            assertEquals(2f / 9, layer[i], 1e-6);
        }
    }

    @Test
    void camLayerMustBeSpatial() {
        LoupeException e = assertThrows(LoupeException.class, () -> explain("grad-cam-plus-plus", Map.of("layer", "2"), 0));
        assertTrue(e.getMessage().contains("(batch, channels, height, width)") && e.getMessage().contains("'2'"), e.getMessage());
    }

    @Test
    void badLayersAndWindowsAreRefusedFromTheModelAloneBeforeAnyImage() {
        var camPlusPlus = REGISTRY.get("grad-cam-plus-plus");
        LoupeException layer = assertThrows(LoupeException.class, () -> camPlusPlus.checkModel(model,
                camPlusPlus.parameters().validate("grad-cam-plus-plus", Map.of("layer", "2"))));
        assertTrue(layer.getMessage().contains("'2'"), layer.getMessage());
        camPlusPlus.checkModel(model, camPlusPlus.parameters().validate("grad-cam-plus-plus", Map.of("layer", "0")));

        var occlusion = REGISTRY.get("occlusion");
        LoupeException window = assertThrows(LoupeException.class, () -> occlusion.checkModel(model,
                occlusion.parameters().validate("occlusion", Map.of("window", 4))));
        assertEquals(dev.loupe.core.ErrorKind.INPUT, window.kind());
        assertTrue(window.getMessage().contains("larger than the 3x3 input"), window.getMessage());
        occlusion.checkModel(model, occlusion.parameters().validate("occlusion", Map.of("window", 3, "stride", 1)));
    }
}
