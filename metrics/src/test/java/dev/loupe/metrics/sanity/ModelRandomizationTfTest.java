package dev.loupe.metrics.sanity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.backend.tensorflow.TfBackendProvider;
import dev.loupe.core.evaluate.MetricScore;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.model.Device;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.core.testing.NpyReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both sanity checks on the TensorFlow SavedModel twins of the quickstart CNN (same weights as
 * quickstart/shapes_cnn.pt): the input echo fails, Grad-CAM passes, and the model is unchanged after.
 */
class ModelRandomizationTfTest {

    private static final ExplainerRegistry REGISTRY = ExplainerRegistry.load();

    @ParameterizedTest
    @ValueSource(strings = {"graph", "keras"})
    void knownAnswersOnTheSavedModelTwin(String style) {
        FloatArray images = NpyReader.read(Fixtures.path("reference/shapes_cnn/input.npy"));
        try (ExplainableModel model = new TfBackendProvider().open(new ModelSpec(Fixtures.path("tf/shapes_cnn/" + style),
                Device.CPU, new long[] {3, 80, 80}, style.equals("keras") ? Map.of("output", "logits") : Map.of()))) {
            FloatArray logits = SanityHarness.logits(model, images);
            var randomization = SanityHarness.metric(new ModelRandomizationProvider(), Map.of());
            for (MetricScore score : SanityHarness.evaluate(randomization, model, SanityHarness.inputEcho(), images,
                    SanityHarness.SHAPES_TOP, 42)) {
                assertEquals(1.0, score.value(), 1e-12);
                assertEquals(9, score.curves().get(0).x().length);
            }
            Explainer gradCam = REGISTRY.create("grad-cam", Map.of("layer", "features/13"), model);
            List<MetricScore> cam = SanityHarness.evaluate(randomization, model, gradCam, images, SanityHarness.SHAPES_TOP, 42);
            for (MetricScore score : cam) {
                assertTrue(score.value() < 0.5, score.value() + " " + score.details());
                assertTrue(score.details().containsKey("spearman:features/0"), score.details().toString());
            }
            List<MetricScore> saliency = SanityHarness.evaluate(randomization, model, REGISTRY.create("saliency", Map.of(), model),
                    images, SanityHarness.SHAPES_TOP, 42);
            saliency.forEach(s -> assertTrue(s.value() < 0.5, s.value() + " " + s.details()));
            assertEquals(logits, SanityHarness.logits(model, images), "restored exactly");

            var randomLabel = SanityHarness.metric(new RandomLabelProvider(), Map.of());
            for (MetricScore score : SanityHarness.evaluate(randomLabel, model, SanityHarness.inputEcho(), images,
                    SanityHarness.SHAPES_TOP, 1)) {
                assertEquals(1.0, score.value(), 1e-12);
            }
        }
    }
}
