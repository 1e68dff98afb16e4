package dev.loupe.metrics.faithfulness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.loupe.backend.djl.DjlModels;
import dev.loupe.core.evaluate.Curve;
import dev.loupe.core.evaluate.MetricScore;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.metrics.Contexts;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Known answers on a linear model y = W flatten(x) + b built in the test (PyTorch engine through
 * the djl backend). With zeros as the baseline, removing pixels leaves y_c = b_c + the sum of the
 * remaining pixels' contributions w_c * x, so removing them in decreasing order of contribution
 * (the map w_c * x, summed over channels) gives the lowest score after every step, hence the
 * lowest deletion AUC of all orderings; inserting them in that order gives the highest
 * insertion AUC.
 */
class LinearModelDeletionTest {

    private static final int CLASSES = 3;
    private static final int C = 3;
    private static final int H = 4;
    private static final int W = 5;
    private static final int TARGET = 1;
    private static NDManager manager;
    private static ExplainableModel linear;
    private static float[] weights;
    private static float[] bias;

    @BeforeAll
    static void build() {
        Engine.getEngine("PyTorch");
        manager = NDManager.newBaseManager("PyTorch");
        SequentialBlock block = new SequentialBlock().add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(CLASSES).build());
        block.setInitializer((m, shape, type) -> {
            float[] v = new float[(int) shape.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = ((i * 37) % 17 - 8) / 64f;
            }
            return m.create(v, shape);
        }, Parameter.Type.WEIGHT);
        block.setInitializer((m, shape, type) -> m.create(new float[] {0.25f, -0.5f, 0.125f}, shape), Parameter.Type.BIAS);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, C, H, W));
        var parameters = block.getChildren().get(1).getValue().getParameters();
        weights = parameters.get("weight").getArray().toFloatArray();
        bias = parameters.get("bias").getArray().toFloatArray();
        linear = DjlModels.of(block, manager, new long[] {C, H, W});
    }

    @AfterAll
    static void release() {
        linear.close();
        manager.close();
    }

    private static FloatArray image() {
        float[] x = new float[C * H * W];
        for (int i = 0; i < x.length; i++) {
            x[i] = ((i * 11) % 13 - 6) / 8f;
        }
        return new FloatArray(x, new long[] {1, C, H, W});
    }

    /** The perfect explanation of class c: w_c * x, per input value. */
    private static FloatArray perfectMap() {
        float[] x = image().data();
        float[] map = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            map[i] = weights[TARGET * x.length + i] * x[i];
        }
        return new FloatArray(map, new long[] {C, H, W});
    }

    private static FloatArray randomMap(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] map = new float[C * H * W];
        for (int i = 0; i < map.length; i++) {
            map[i] = (float) random.nextDouble();
        }
        return new FloatArray(map, new long[] {C, H, W});
    }

    private static double auc(String metric, FloatArray map, Map<String, ?> params) {
        return Contexts.run(linear, metric, params, image(), TARGET, Contexts.inputMap(map, TARGET), null, 7).value();
    }

    @Test
    void thePerfectMapHasTheLowestDeletionAndHighestInsertionAucOfAllOrderingsTried() {
        Map<String, Object> params = Map.of("steps", 20, "baseline", "zeros", "score", "logit");
        double deletion = auc("deletion", perfectMap(), params);
        double insertion = auc("insertion", perfectMap(), params);
        for (long seed = 0; seed < 40; seed++) {
            assertTrue(deletion <= auc("deletion", randomMap(seed), params) + 1e-6, "random ordering " + seed);
            assertTrue(insertion >= auc("insertion", randomMap(seed), params) - 1e-6, "random ordering " + seed);
        }
        // and the reversed map is the worst: it is a strictly different ordering on this model
        FloatArray reversed = negated(perfectMap());
        assertTrue(auc("deletion", reversed, params) > deletion + 0.1);
        assertTrue(auc("insertion", reversed, params) < insertion - 0.1);
    }

    @Test
    void theDeletionCurveIsTheRemainingContributionsPlusBias() {
        // steps = one pixel per step: the curve is b_c + the contributions of the pixels not yet removed,
        // computed here in double from the weights, independently of the metric's code
        int pixels = H * W;
        Map<String, Object> params = Map.of("steps", pixels, "baseline", "zeros", "score", "logit");
        MetricScore score = Contexts.run(linear, "deletion", params, image(), TARGET,
                Contexts.inputMap(perfectMap(), TARGET), null, 6);
        double[] contribution = new double[pixels];
        float[] map = perfectMap().data();
        for (int c = 0; c < C; c++) {
            for (int p = 0; p < pixels; p++) {
                contribution[p] += map[c * pixels + p];
            }
        }
        double[] sorted = contribution.clone();
        java.util.Arrays.sort(sorted);
        double[] expected = new double[pixels + 1];
        double remaining = bias[TARGET];
        for (double v : sorted) {
            remaining += v;
        }
        expected[0] = remaining;
        for (int k = 1; k <= pixels; k++) {
            remaining -= sorted[pixels - k];
            expected[k] = remaining;
        }
        Curve curve = score.curves().get(0);
        assertArrayEquals(expected, curve.y(), 1e-5);
        assertEquals(0.0, curve.x()[0]);
        assertEquals(1.0, curve.x()[pixels]);
        double trapezoid = 0;
        for (int k = 0; k < pixels; k++) {
            trapezoid += (expected[k] + expected[k + 1]) / 2 / pixels;
        }
        assertEquals(trapezoid, score.value(), 1e-5);
    }

    @Test
    void probabilityIsTheSoftmaxOfTheLogits() {
        Map<String, Object> logit = Map.of("steps", 4, "baseline", "mean", "score", "logit");
        double[] target = Contexts.run(linear, "insertion", logit, image(), TARGET, Contexts.inputMap(perfectMap(), TARGET),
                null, 2).curves().get(0).y();
        double[][] all = new double[CLASSES][];
        for (int c = 0; c < CLASSES; c++) {
            all[c] = Contexts.run(linear, "insertion", logit, image(), c, Contexts.inputMap(perfectMap(), TARGET), null, 2)
                    .curves().get(0).y();
        }
        double[] probability = Contexts.run(linear, "insertion", Map.of("steps", 4, "baseline", "mean"), image(), TARGET,
                Contexts.inputMap(perfectMap(), TARGET), null, 3).curves().get(0).y();
        for (int k = 0; k < target.length; k++) {
            double sum = 0;
            for (int c = 0; c < CLASSES; c++) {
                sum += Math.exp(all[c][k]);
            }
            assertEquals(Math.exp(target[k]) / sum, probability[k], 1e-6, "step " + k);
        }
    }

    @Test
    void theBatchSizeDoesNotChangeTheResult() {
        Map<String, Object> params = Map.of("steps", 13, "baseline", "blur", "blur-sigma", 1.5);
        MetricScore one = Contexts.run(linear, "deletion", params, image(), TARGET, Contexts.inputMap(randomMap(3), TARGET), null, 1);
        MetricScore many = Contexts.run(linear, "deletion", params, image(), TARGET, Contexts.inputMap(randomMap(3), TARGET), null, 64);
        assertArrayEquals(one.curves().get(0).y(), many.curves().get(0).y(), 1e-7);
    }

    private static FloatArray negated(FloatArray map) {
        float[] out = map.data().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = -out[i];
        }
        return new FloatArray(out, map.shape());
    }
}
