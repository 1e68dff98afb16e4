package dev.loupe.methods.gradient;

import static dev.loupe.core.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.explain.Attribution;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.tensor.FloatArray;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Completeness, batching and provenance of integrated-gradients. */
class IntegratedGradientsTest {

    private static final ExplainerRegistry REGISTRY = ExplainerRegistry.load();
    private static final GradientFixtures FIXTURES = new GradientFixtures();

    @AfterAll
    static void closeModels() {
        FIXTURES.close();
    }

    private static List<Attribution> run(String id, FloatArray images, Map<String, ?> params) {
        ExplainableModel model = FIXTURES.model(id);
        return GradientFixtures.explain(REGISTRY.create("integrated-gradients", params, model), model, images);
    }

    /** |completeness delta| / |y_c(x) - y_c(x')| of every image. */
    private static double[] relativeDeltas(List<Attribution> maps) {
        double[] out = new double[maps.size()];
        for (int b = 0; b < out.length; b++) {
            Attribution a = maps.get(b);
            double gap = a.score() - (Double) a.details().get("baseline-score");
            out[b] = Math.abs((Double) a.details().get("completeness-delta")) / Math.abs(gap);
        }
        if (Boolean.getBoolean("loupe.test.printDiffs")) {
            System.out.println("COMPLETENESS |delta| / |y(x) - y(x')|: " + java.util.Arrays.toString(out));
        }
        return out;
    }

    /**
     * Sum of the attributions ~ y_c(x) - y_c(0) with Captum's defaults (50 Gauss-Legendre points),
     * and closer with more points. Measured |delta| / |y_c(x) - y_c(0)| on the six shapes_cnn
     * images: 50 points: max 0.0255 (image 2; the others <= 0.0096); 200 points: max 0.0026.
     * resnet18 with 50 points: max 0.0023.
     */
    @Test
    void completenessDeltaIsSmallAndShrinksWithMoreSteps() {
        FloatArray shapes = GradientFixtures.fullInput("shapes_cnn");
        double[] at50 = relativeDeltas(run("shapes_cnn", shapes, Map.of()));
        double[] at200 = relativeDeltas(run("shapes_cnn", shapes, Map.of("steps", 200, "batch-size", 64)));
        double worst50 = 0;
        double worst200 = 0;
        for (int b = 0; b < at50.length; b++) {
            worst50 = Math.max(worst50, at50[b]);
            worst200 = Math.max(worst200, at200[b]);
        }
        assertTrue(worst50 < 0.05, "50 points: relative completeness delta " + worst50);
        assertTrue(worst200 < 0.005, "200 points: relative completeness delta " + worst200);
        assertTrue(worst200 < worst50, "more points, smaller delta: " + worst200 + " vs " + worst50);
        for (double d : relativeDeltas(run("resnet18", GradientFixtures.input("resnet18"), Map.of()))) {
            assertTrue(d < 0.01, "resnet18, 50 points: relative completeness delta " + d);
        }
    }

    @Test
    void batchSizeDoesNotChangeTheMap() {
        FloatArray images = GradientFixtures.input("shapes_cnn");
        FloatArray one = GradientFixtures.stack(run("shapes_cnn", images, Map.of("steps", 16, "batch-size", 1)));
        FloatArray all = GradientFixtures.stack(run("shapes_cnn", images, Map.of("steps", 16, "batch-size", 16)));
        assertClose(one, all, 1e-5, 0, "batch-size 1 vs 16");
    }

    @Test
    void stepsNotDivisibleByTheBatchSizeWork() {
        FloatArray images = GradientFixtures.input("shapes_cnn");
        for (String rule : List.of("riemann-trapezoid", "gauss-legendre")) {
            FloatArray byThree = GradientFixtures.stack(run("shapes_cnn", images,
                    Map.of("steps", 7, "batch-size", 3, "method", rule)));
            FloatArray whole = GradientFixtures.stack(run("shapes_cnn", images, Map.of("steps", 7, "method", rule)));
            assertClose(byThree, whole, 1e-5, 0, rule + ": 7 steps by 3 vs in one pass");
        }
    }

    @Test
    void detailsAndTargetsComeFromTheRealImage() {
        FloatArray images = GradientFixtures.input("shapes_cnn");
        List<Attribution> maps = run("shapes_cnn", images, Map.of("steps", 4));
        int[] targets = GradientFixtures.ints(GradientFixtures.manifest("shapes_cnn"), "targets");
        double[] scores = GradientFixtures.numbers(GradientFixtures.manifest("shapes_cnn"), "target_scores", 0);
        for (int b = 0; b < maps.size(); b++) {
            Attribution a = maps.get(b);
            assertEquals(targets[b], a.target());
            assertEquals(scores[b], a.score(), 1e-4);
            assertEquals(Attribution.MapKind.INPUT, a.kind());
            assertEquals(java.util.Set.of("completeness-delta", "baseline-score"), a.details().keySet());
            double sum = 0;
            for (float v : a.map().data()) {
                sum += v;
            }
            double gap = a.score() - (Double) a.details().get("baseline-score");
            assertEquals(sum - gap, (Double) a.details().get("completeness-delta"), 1e-9);
        }
    }
}
