package dev.loupe.cli;

import static dev.loupe.core.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explanations;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.explain.Target;
import dev.loupe.core.model.Device;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.core.testing.NpyReader;
import dev.loupe.render.heatmap.LayerCombination;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The combination of Grad-CAM at two layers (per-layer Grad-CAM from the backend, then
 * {@link LayerCombination}) equals pytorch-grad-cam's multi-layer aggregation as
 * fixtures/make_cam_references.py computes it in PyTorch. Same tolerance as the other parity
 * tests: max |diff| <= 1e-4 * max|reference| + 1e-6. A missing reference file fails the test:
 * it does not skip.
 */
class LayerCombinationParityTest {

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("shapes_cnn", "quickstart/shapes_cnn.pt", List.of("features.13", "features.11")),
                Arguments.of("resnet18", "models/resnet18_traced.pt", List.of("layer4", "layer3")),
                Arguments.of("vgg16", "models/vgg16_traced.pt", List.of("features.29", "features.28")));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("models")
    void combinedGradCamMatchesPytorchGradCam(String id, String file, List<String> layers) throws Exception {
        Path reference = Fixtures.root().resolve("reference/" + id + "/cam/grad-cam-combined_"
                + String.join("+", layers) + "_top.npy");
        assertTrue(Files.isRegularFile(reference), "missing reference " + reference + ": it is written by"
                + " fixtures/make_cam_references.py (/usr/bin/python3 fixtures/make_cam_references.py)");
        FloatArray expected = NpyReader.read(reference);
        FloatArray input = NpyReader.read(Fixtures.path("reference/" + id + "/input.npy"));
        int height = Math.toIntExact(input.dim(2));
        int width = Math.toIntExact(input.dim(3));
        ExplainerRegistry registry = ExplainerRegistry.load();
        try (ExplainableModel model = ModelOpener.open(Fixtures.path(file), "auto", Device.CPU, Map.of(),
                new long[] {input.dim(1), input.dim(2), input.dim(3)})) {
            List<List<Attribution>> perLayer = new ArrayList<>();
            for (String layer : layers) {
                perLayer.add(Explanations.explain(registry.create("grad-cam", Map.of("layer", layer), model), model, input,
                        topTargets(id), Labels.none()));
            }
            List<FloatArray> combined = new ArrayList<>();
            for (int b = 0; b < input.dim(0); b++) {
                int image = b;
                combined.add(LayerCombination.combine(perLayer.stream().map(maps -> maps.get(image).map()).toList(),
                        height, width));
            }
            assertClose(FloatArray.stack(combined), expected, 1e-4, 1e-6, id + " grad-cam combined " + layers);
        }
    }

    /** targets.json's "top": each image's top class, as PyTorch found it. */
    private static List<Target> topTargets(String id) throws Exception {
        String json = Files.readString(Fixtures.path("reference/" + id + "/targets.json"));
        Matcher m = Pattern.compile("\"top\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
        assertTrue(m.find(), "no 'top' in targets.json of " + id);
        List<Target> targets = new ArrayList<>();
        for (String s : m.group(1).split(",")) {
            targets.add(Target.index(Integer.parseInt(s.trim())));
        }
        return targets;
    }
}
