package dev.loupe.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.loupe.backend.djl.DjlBackendProvider;
import dev.loupe.backend.tensorflow.TfBackendProvider;
import dev.loupe.core.evaluate.Curve;
import dev.loupe.core.evaluate.MetricScore;
import dev.loupe.core.model.Device;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.core.testing.NpyReader;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model-driven metrics on the same weights through both backends: the quickstart CNN as
 * TorchScript (djl) and as a TensorFlow SavedModel (fixtures/tf/shapes_cnn/graph). Same image,
 * same map, same seed: the curves must agree to float32 rounding of the two engines.
 */
class BothBackendsTest {

    private static ExplainableModel torch;
    private static ExplainableModel tf;
    private static FloatArray image;

    @BeforeAll
    static void open() {
        FloatArray inputs = NpyReader.read(Fixtures.path("reference/shapes_cnn/input.npy"));
        long[] s = inputs.shape();
        image = new FloatArray(inputs.slice(0).data(), new long[] {1, s[1], s[2], s[3]});
        torch = new DjlBackendProvider().open(ModelSpec.of(Fixtures.path("quickstart/shapes_cnn.pt"), s[1], s[2], s[3]));
        tf = new TfBackendProvider().open(new ModelSpec(Fixtures.path("tf/shapes_cnn/graph"), Device.CPU,
                new long[] {s[1], s[2], s[3]}, Map.of()));
    }

    @AfterAll
    static void close() {
        torch.close();
        tf.close();
    }

    /** A map that ranks pixels by a fixed pattern: its values are the image's own, so the order is not trivial. */
    private static FloatArray map() {
        return image.slice(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"deletion", "insertion", "road"})
    void bothBackendsGiveTheSameCurves(String metric) {
        Map<String, Object> params = metric.equals("road") ? Map.of("percentages", "20,50,80") : Map.of("steps", 8);
        MetricScore onTorch = Contexts.run(torch, metric, params, image, 2, Contexts.inputMap(map(), 2), null, 4);
        MetricScore onTf = Contexts.run(tf, metric, params, image, 2, Contexts.inputMap(map(), 2), null, 4);
        assertEquals(onTorch.curves().size(), onTf.curves().size());
        for (int i = 0; i < onTorch.curves().size(); i++) {
            Curve a = onTorch.curves().get(i);
            Curve b = onTf.curves().get(i);
            assertArrayEquals(a.y(), b.y(), 1e-4, metric + " " + a.name());
        }
        assertEquals(onTorch.value(), onTf.value(), 1e-4);
    }
}
