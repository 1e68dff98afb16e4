package dev.loupe.backend.djl;

import static dev.loupe.core.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.GradientPass;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.model.ReluRule;
import dev.loupe.core.model.Scope;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.testing.Close;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.core.testing.NpyReader;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The layer-wise backward through a TorchScript file cut at every ReLU. With the plain rule it
 * equals autograd (the committed saliency reference and the ordinary gradient pass); guided
 * backprop and deconvnet equal PyTorch with register_full_backward_hook on every nn.ReLU
 * (fixtures/make_guided_references.py). Tolerance: max|diff| <= 1e-4 * max|ref| + 1e-6.
 */
class ReluRulesDjlTest {

    private static final double RTOL = 1e-4;
    private static final double ATOL = 1e-6;
    private static final Map<String, TorchScriptModel> OPEN = new HashMap<>();

    private static synchronized TorchScriptModel model(String file, FloatArray input) {
        return OPEN.computeIfAbsent(file, f -> TorchScriptModel.open(
                ModelSpec.of(Fixtures.path(f), input.dim(1), input.dim(2), input.dim(3))));
    }

    @AfterAll
    static void closeModels() {
        OPEN.values().forEach(TorchScriptModel::close);
        OPEN.clear();
    }

    private static int[] topTargets(String id) throws IOException {
        String json = Files.readString(Fixtures.path("reference/" + id + "/targets.json"));
        Matcher m = Pattern.compile("\"top\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
        assertTrue(m.find(), "targets.json of " + id + " has a top list");
        return Arrays.stream(m.group(1).split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    private static FloatArray read(String id, String name) {
        return NpyReader.read(Fixtures.path("reference/" + id + "/" + name));
    }

    @ParameterizedTest
    @CsvSource({
        "quickstart/shapes_cnn.pt, shapes_cnn",
        "models/resnet18_traced.pt, resnet18",
        "models/resnet18_scripted.pt, resnet18",
        "models/vgg16_traced.pt, vgg16"
    })
    void plainLayerwiseBackwardEqualsAutograd(String file, String id) throws IOException {
        FloatArray input = read(id, "input.npy");
        int[] targets = topTargets(id);
        TorchScriptModel model = model(file, input);
        try (Scope scope = model.openScope()) {
            DjlScope djl = (DjlScope) scope;
            GradientPass layerwise = djl.layerwiseGradients(scope.upload(input), HookSpec.inputOnly(), logits -> targets);
            GradientPass autograd = scope.gradients(scope.upload(input), HookSpec.inputOnly(), logits -> targets);
            FloatArray cut = layerwise.inputGradient().toHost();
            assertArrayEquals(targets, layerwise.targets());
            Close.assertCloseUpToNearTies(cut, read(id, "saliency_top.npy"), RTOL, ATOL, file + " plain layer-wise vs torch saliency");
            assertClose(cut, autograd.inputGradient().toHost(), RTOL, ATOL, file + " plain layer-wise vs DJL autograd");
            assertClose(layerwise.logits().toHost(), read(id, "logits.npy"), RTOL, ATOL, file + " logits of the cut copy");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "quickstart/shapes_cnn.pt, shapes_cnn, GUIDED, guided",
        "quickstart/shapes_cnn.pt, shapes_cnn, DECONVNET, deconvnet",
        "models/resnet18_traced.pt, resnet18, GUIDED, guided",
        "models/resnet18_traced.pt, resnet18, DECONVNET, deconvnet",
        "models/resnet18_scripted.pt, resnet18, GUIDED, guided",
        "models/resnet18_scripted.pt, resnet18, DECONVNET, deconvnet",
        "models/vgg16_traced.pt, vgg16, GUIDED, guided",
        "models/vgg16_traced.pt, vgg16, DECONVNET, deconvnet"
    })
    void reluRulesEqualTorchBackwardHooks(String file, String id, ReluRule rule, String name) throws IOException {
        FloatArray input = read(id, "input.npy");
        int[] targets = topTargets(id);
        FloatArray expected = read(id, "relu-rules/" + name + "_top.npy");
        TorchScriptModel model = model(file, input);
        assertTrue(model.capabilities().contains(Capability.RELU_RULES));
        try (Scope scope = model.openScope()) {
            GradientPass pass = scope.gradients(scope.upload(input), HookSpec.inputOnly().withReluRule(rule), logits -> targets);
            FloatArray actual = pass.inputGradient().toHost();
            assertClose(actual, expected, RTOL, ATOL, file + " " + rule + " vs torch hooks");
            // the rule changes the map: it is not plain saliency
            assertTrue(Close.maxAbsDiff(actual, read(id, "saliency_top.npy")) > 0.01 * Close.maxAbs(expected),
                    file + " " + rule + " differs from saliency");
        }
    }

    @Test
    void layerCapturesWithAReluRuleAreRefused() throws IOException {
        FloatArray input = read("shapes_cnn", "input.npy");
        TorchScriptModel model = model("quickstart/shapes_cnn.pt", input);
        try (Scope scope = model.openScope()) {
            LoupeException e = assertThrows(LoupeException.class, () -> scope.gradients(scope.upload(input),
                    HookSpec.layers(List.of("features.11")).withInputGradient().withReluRule(ReluRule.GUIDED),
                    logits -> new int[6]));
            assertTrue(e.getMessage().contains("features.11"), e.getMessage());
        }
    }
}
