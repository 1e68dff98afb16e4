package dev.loupe.methods.guided;

import static dev.loupe.core.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.loupe.backend.djl.DjlBackendProvider;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explanations;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.explain.Target;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.core.testing.NpyReader;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * guided-backprop and deconvnet from plain TorchScript files equal PyTorch with
 * register_full_backward_hook on every nn.ReLU (fixtures/make_guided_references.py).
 * Tolerance: max|diff| <= 1e-4 * max|ref| + 1e-6.
 */
class GuidedParityTest {

    private static final ExplainerRegistry REGISTRY = ExplainerRegistry.load();

    @ParameterizedTest
    @CsvSource({
        "shapes_cnn, quickstart/shapes_cnn.pt, guided-backprop, guided",
        "shapes_cnn, quickstart/shapes_cnn.pt, deconvnet, deconvnet",
        "resnet18, models/resnet18_scripted.pt, guided-backprop, guided",
        "resnet18, models/resnet18_traced.pt, deconvnet, deconvnet",
        "vgg16, models/vgg16_traced.pt, guided-backprop, guided",
        "vgg16, models/vgg16_traced.pt, deconvnet, deconvnet"
    })
    void matchesTorchBackwardHooks(String id, String file, String method, String reference) throws IOException {
        FloatArray input = NpyReader.read(Fixtures.path("reference/" + id + "/input.npy"));
        List<Target> targets = topTargets(id);
        try (ExplainableModel model = new DjlBackendProvider().open(
                ModelSpec.of(Fixtures.path(file), input.dim(1), input.dim(2), input.dim(3)))) {
            List<Attribution> maps = Explanations.explain(REGISTRY.create(method, Map.of(), model), model, input, targets,
                    Labels.none());
            for (int b = 0; b < maps.size(); b++) {
                assertEquals(((Target.ClassIndex) targets.get(b)).index(), maps.get(b).target());
            }
            FloatArray expected = NpyReader.read(Fixtures.path("reference/" + id + "/relu-rules/" + reference + "_top.npy"));
            FloatArray actual = FloatArray.stack(maps.stream().map(Attribution::map).toList());
            assertClose(actual, expected, 1e-4, 1e-6, file + " " + method);
        }
    }

    /** Reference: torch's guided backprop times its Grad-CAM upsampled by F.interpolate (make_guided_gradcam_references.py). */
    @ParameterizedTest
    @CsvSource({
        "shapes_cnn, quickstart/shapes_cnn.pt, features.13",
        "resnet18, models/resnet18_traced.pt, layer4",
        "resnet18, models/resnet18_scripted.pt, layer4",
        "vgg16, models/vgg16_traced.pt, features.28"
    })
    void guidedGradCamMatchesTorch(String id, String file, String layer) throws IOException {
        FloatArray input = NpyReader.read(Fixtures.path("reference/" + id + "/input.npy"));
        try (ExplainableModel model = new DjlBackendProvider().open(
                ModelSpec.of(Fixtures.path(file), input.dim(1), input.dim(2), input.dim(3)))) {
            List<Attribution> maps = Explanations.explain(REGISTRY.create("guided-grad-cam", Map.of("layer", layer), model),
                    model, input, topTargets(id), Labels.none());
            FloatArray expected = NpyReader.read(
                    Fixtures.path("reference/" + id + "/relu-rules/guided_gradcam_" + layer + "_top.npy"));
            FloatArray actual = FloatArray.stack(maps.stream().map(Attribution::map).toList());
            assertClose(actual, expected, 1e-4, 1e-6, file + " guided-grad-cam " + layer);
        }
    }

    /** SmoothGrad wraps guided backprop too: with no noise it is guided backprop itself. */
    @ParameterizedTest
    @CsvSource({"shapes_cnn, quickstart/shapes_cnn.pt", "resnet18, models/resnet18_traced.pt"})
    void smoothGradOverGuidedBackpropWithoutNoiseIsGuidedBackprop(String id, String file) throws IOException {
        FloatArray input = NpyReader.read(Fixtures.path("reference/" + id + "/input.npy"));
        try (ExplainableModel model = new DjlBackendProvider().open(
                ModelSpec.of(Fixtures.path(file), input.dim(1), input.dim(2), input.dim(3)))) {
            List<Attribution> maps = Explanations.explain(REGISTRY.create("smoothgrad",
                    Map.of("base", "guided-backprop", "sigma", 0.0, "samples", 3, "batch-size", 2), model),
                    model, input, topTargets(id), Labels.none());
            FloatArray expected = NpyReader.read(Fixtures.path("reference/" + id + "/relu-rules/guided_top.npy"));
            FloatArray actual = FloatArray.stack(maps.stream().map(Attribution::map).toList());
            assertClose(actual, expected, 1e-4, 1e-6, file + " smoothgrad(guided-backprop, sigma 0)");
        }
    }

    private static List<Target> topTargets(String id) throws IOException {
        String json = Files.readString(Fixtures.path("reference/" + id + "/targets.json"));
        Matcher m = Pattern.compile("\"top\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no 'top' in targets.json of " + id);
        }
        List<Target> targets = new ArrayList<>();
        for (String s : m.group(1).split(",")) {
            targets.add(Target.index(Integer.parseInt(s.trim())));
        }
        return targets;
    }
}
