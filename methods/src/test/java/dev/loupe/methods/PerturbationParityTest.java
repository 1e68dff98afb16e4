package dev.loupe.methods;

import static dev.loupe.core.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explanations;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.core.testing.NpyReader;
import dev.loupe.methods.perturbation.RiseProvider;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Occlusion and RISE from the TorchScript fixtures equal PyTorch (fixtures/make_cam_references.py:
 * occlusion with Captum's window placement and averaging, RISE with the reference's own masks
 * replayed). Tolerance: max |diff| <= 1e-4 * max|reference| + 1e-5; each value is a mean of
 * differences of float32 logits from two libtorch builds.
 */
class PerturbationParityTest {

    private static final ExplainerRegistry REGISTRY = ExplainerRegistry.load();

    @AfterAll
    static void closeModels() {
        ReferenceParityTest.closeModels();
    }

    static Stream<Arguments> occlusionCases() {
        return Stream.of(
                Arguments.of("shapes_cnn", "quickstart/shapes_cnn.pt", 16, 7, 0.0),
                Arguments.of("shapes_cnn", "quickstart/shapes_cnn.pt", 12, 12, 0.5),
                Arguments.of("resnet18", "models/resnet18_traced.pt", 32, 20, 0.0),
                Arguments.of("vgg16", "models/vgg16_traced.pt", 32, 20, 0.0));
    }

    @ParameterizedTest(name = "{0} window {2} stride {3} baseline {4}")
    @MethodSource("occlusionCases")
    void occlusionMatchesCaptumSemantics(String id, String file, int window, int stride, double baseline) throws IOException {
        FloatArray input = NpyReader.read(Fixtures.path("reference/" + id + "/input.npy"));
        ExplainableModel model = ReferenceParityTest.model(file, input);
        List<Attribution> maps = Explanations.explain(REGISTRY.create("occlusion",
                Map.of("window", window, "stride", stride, "baseline", baseline, "batch-size", 13), model),
                model, input, ReferenceParityTest.targets(id, "top"), Labels.none());
        String b = baseline == 0 ? "0" : String.valueOf(baseline);
        FloatArray expected = NpyReader.read(Fixtures.path(
                "reference/" + id + "/perturbation/occlusion_w" + window + "_s" + stride + "_b" + b + "_top.npy"));
        assertClose(FloatArray.stack(maps.stream().map(Attribution::map).toList()), expected, 1e-4, 1e-5,
                id + " occlusion w" + window + " s" + stride);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("riseCases")
    void riseMatchesWithTheReferenceMasks(String id, String file) throws IOException {
        FloatArray input = NpyReader.read(Fixtures.path("reference/" + id + "/input.npy"));
        FloatArray masks = NpyReader.read(Fixtures.path("reference/" + id + "/perturbation/rise_masks.npy"));
        ExplainableModel model = ReferenceParityTest.model(file, input);
        int count = (int) masks.dim(0);
        RiseProvider rise = new RiseProvider();
        Parameters parameters = rise.parameters().validate("rise", Map.of("masks", count, "batch-size", 10));
        List<Attribution> maps = Explanations.explain(rise.create(parameters, (height, width) -> {
            assertEquals(masks.dim(1), height);
            assertEquals(masks.dim(2), width);
            return replay(masks);
        }), model, input, ReferenceParityTest.targets(id, "top"), Labels.none());
        FloatArray expected = NpyReader.read(Fixtures.path("reference/" + id + "/perturbation/rise.npy"));
        assertClose(FloatArray.stack(maps.stream().map(Attribution::map).toList()), expected, 1e-4, 1e-5, id + " rise");
    }

    static Stream<Arguments> riseCases() {
        return Stream.of(
                Arguments.of("shapes_cnn", "quickstart/shapes_cnn.pt"),
                Arguments.of("resnet18", "models/resnet18_traced.pt"),
                Arguments.of("vgg16", "models/vgg16_traced.pt"));
    }

    /** The masks in order, as a fresh stream. */
    private static RiseProvider.MaskStream replay(FloatArray masks) {
        int plane = (int) (masks.dim(1) * masks.dim(2));
        int[] next = {0};
        return count -> {
            float[] chunk = Arrays.copyOfRange(masks.data(), next[0] * plane, (next[0] + count) * plane);
            next[0] += count;
            return new FloatArray(chunk, new long[] {count, masks.dim(1), masks.dim(2)});
        };
    }
}
