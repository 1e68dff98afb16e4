package dev.loupe.metrics.sanity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.backend.djl.DjlBackendProvider;
import dev.loupe.core.evaluate.MetricScore;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.core.testing.NpyReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Known answers for the random-label check on the quickstart TorchScript CNN (4 classes). */
class RandomLabelDjlTest {

    private static final ExplainerRegistry REGISTRY = ExplainerRegistry.load();
    private static ExplainableModel model;
    private static FloatArray images;

    @BeforeAll
    static void open() {
        images = NpyReader.read(Fixtures.path("reference/shapes_cnn/input.npy"));
        model = new DjlBackendProvider().open(ModelSpec.of(Fixtures.path("quickstart/shapes_cnn.pt"),
                images.dim(1), images.dim(2), images.dim(3)));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static List<MetricScore> run(Explainer explainer, long seed) {
        return SanityHarness.evaluate(SanityHarness.metric(new RandomLabelProvider(), Map.of()), model, explainer, images,
                SanityHarness.SHAPES_TOP, seed);
    }

    @Test
    void otherClassesAreSeededUniformAndNeverTheTarget() {
        int[] targets = new int[4000];
        int[] others = RandomLabel.otherClasses(targets, 4, 9);
        int[] counts = new int[4];
        for (int c : others) {
            counts[c]++;
        }
        assertEquals(0, counts[0], "never the target");
        for (int c = 1; c < 4; c++) {
            assertEquals(4000 / 3.0, counts[c], 100, "uniform over the other classes (about 4 sigma)");
        }
        assertArrayEquals(others, RandomLabel.otherClasses(targets, 4, 9));
    }

    /** Eigen-CAM is the first principal component of the activations: no class enters it. */
    @Test
    void eigenCamIsClassBlind() {
        for (MetricScore score : run(REGISTRY.create("eigen-cam", Map.of("layer", "features.13"), model), 1)) {
            assertEquals(1.0, score.value(), 1e-12);
            assertEquals(1.0, score.details().get("ssim"), 1e-12);
        }
    }

    @Test
    void aClassBlindMapFailsAndGradCamPasses() {
        for (MetricScore score : run(SanityHarness.inputEcho(), 1)) {
            assertEquals(1.0, score.value(), 1e-12);
            assertEquals(0.0, score.details().get("passed"));
        }
        List<MetricScore> cam = run(REGISTRY.create("grad-cam", Map.of("layer", "features.13"), model), 1);
        for (int b = 0; b < cam.size(); b++) {
            MetricScore score = cam.get(b);
            assertNotEquals(SanityHarness.SHAPES_TOP[b], score.details().get("class").intValue());
            if (score.applies()) {
                assertTrue(score.value() < 0.5, "image " + b + ": " + score.value() + " " + score.details());
            }
        }
        assertTrue(cam.stream().filter(MetricScore::applies).count() >= 4, "most images have a non-constant Grad-CAM");
        List<MetricScore> again = run(REGISTRY.create("grad-cam", Map.of("layer", "features.13"), model), 1);
        for (int b = 0; b < cam.size(); b++) {
            assertEquals(cam.get(b).value(), again.get(b).value(), 0.0, "same seed, same value");
        }
    }
}
