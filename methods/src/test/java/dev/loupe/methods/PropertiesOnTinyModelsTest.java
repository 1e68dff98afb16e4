package dev.loupe.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.Parameter;
import dev.loupe.backend.djl.DjlModels;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explanations;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.explain.Target;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.param.ParameterException;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.tensor.FloatArray;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Answers that must hold exactly, on a linear model built in the test: y = W flatten(x) + b,
 * with W and x multiples of 2^-8 (exact in float32), so the maps are compared for equality.
 */
class PropertiesOnTinyModelsTest {

    private static final ExplainerRegistry REGISTRY = ExplainerRegistry.load();
    private static final int CLASSES = 3;
    private static final long[] INPUT = {2, 2, 2};
    private static NDManager manager;
    private static ExplainableModel linear;
    private static float[] weights;

    @BeforeAll
    static void build() {
        Engine.getEngine("PyTorch");
        manager = NDManager.newBaseManager("PyTorch");
        SequentialBlock block = new SequentialBlock().add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(CLASSES).build());
        block.setInitializer((m, shape, type) -> {
            float[] v = new float[(int) shape.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = ((i * 37) % 17 - 8) / 256f;
            }
            return m.create(v, shape);
        }, Parameter.Type.WEIGHT);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 2, 2));
        weights = block.getChildren().get(1).getValue().getParameters().get("weight").getArray().toFloatArray();
        linear = DjlModels.of(block, manager, INPUT);
    }

    @AfterAll
    static void release() {
        linear.close();
        manager.close();
    }

    private static FloatArray input() {
        float[] x = {1, -2, 3, 0.5f, -1, 2, 0.25f, 4};
        return new FloatArray(x, new long[] {1, 2, 2, 2});
    }

    private static float[] explain(String method, Map<String, ?> params, int target) {
        List<Attribution> maps = Explanations.explain(REGISTRY.create(method, params, linear), linear, input(),
                List.of(Target.index(target)), Labels.none());
        return maps.get(0).map().data();
    }

    private static float[] row(int c) {
        float[] w = new float[8];
        System.arraycopy(weights, c * 8, w, 0, 8);
        return w;
    }

    @Test
    void saliencyOfALinearModelIsItsWeightRow() {
        for (int c = 0; c < CLASSES; c++) {
            assertArrayEquals(row(c), explain("saliency", Map.of(), c), "class " + c);
        }
    }

    @Test
    void integratedGradientsOfALinearModelIsInputMinusBaselineTimesWeights() {
        float[] x = input().data();
        for (String rule : List.of("gauss-legendre", "riemann-left", "riemann-trapezoid")) {
            float[] zeros = explain("integrated-gradients", Map.of("method", rule, "steps", 7), 2);
            float[] constant = explain("integrated-gradients",
                    Map.of("method", rule, "steps", 7, "baseline", "constant", "baseline-value", 0.5), 2);
            for (int i = 0; i < 8; i++) {
                assertEquals(x[i] * row(2)[i], zeros[i], 1e-6f * Math.abs(x[i] * row(2)[i]) + 1e-9f, rule);
                assertEquals((x[i] - 0.5f) * row(2)[i], constant[i], 1e-6f * Math.abs(x[i] * row(2)[i]) + 1e-7f, rule);
            }
        }
    }

    @Test
    void inputXGradientOfALinearModelIsInputTimesWeights() {
        float[] x = input().data();
        float[] map = explain("input-x-gradient", Map.of(), 1);
        for (int i = 0; i < 8; i++) {
            assertEquals(x[i] * row(1)[i], map[i]);
        }
    }

    @Test
    void reluRuleMethodsOnAModelWithoutReluAreRefusedClearly() {
        for (String method : List.of("guided-backprop", "deconvnet")) {
            LoupeException e = assertThrows(LoupeException.class, () -> explain(method, Map.of(), 0));
            assertTrue(e.getMessage().contains("no Activation.reluBlock()"), e.getMessage());
        }
    }

    @Test
    void badSamplesSigmaAndStepsAreRejected() {
        for (Map<String, ?> bad : List.<Map<String, ?>>of(Map.of("samples", 0), Map.of("samples", -3), Map.of("sigma", -0.1))) {
            ParameterException e = assertThrows(ParameterException.class, () -> REGISTRY.create("smoothgrad", bad, linear));
            assertTrue(e.getMessage().contains(bad.keySet().iterator().next()), e.getMessage());
        }
        for (int steps : new int[] {0, -1}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> REGISTRY.create("integrated-gradients", Map.of("steps", steps), linear));
            assertTrue(e.getMessage().contains("'steps'"), e.getMessage());
        }
    }

    @Test
    void aBaselineImageOfTheWrongSizeIsRefused() {
        var explainer = REGISTRY.create("integrated-gradients", Map.of("baseline", "image", "baseline-image", "b.png"), linear);
        LoupeException e = assertThrows(LoupeException.class, () -> Explanations.explain(explainer, linear, input(),
                List.of(Target.index(0)), Labels.none(), file -> FloatArray.zeros(2, 3, 3)));
        assertTrue(e.getMessage().contains("b.png") && e.getMessage().contains("same size"), e.getMessage());
    }

}
