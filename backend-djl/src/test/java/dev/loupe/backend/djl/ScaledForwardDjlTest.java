package dev.loupe.backend.djl;

import static dev.loupe.core.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.layer.UnknownLayerException;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.model.Scope;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.testing.Close;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.core.testing.NpyReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scope.forwardScaled on TorchScript fixture models against PyTorch: the logits of the Python
 * twin of each file with a forward hook that returns output * factor
 * (torchscript/make_scaled_references.py). Tolerance: max|diff| <= 1e-4 * max|ref| + 1e-6.
 */
class ScaledForwardDjlTest {

    private static final double RTOL = 1e-4;
    private static final double ATOL = 1e-6;
    private static final String RESNET = "models/resnet18_traced.pt";
    private static final String SHAPES = "quickstart/shapes_cnn.pt";
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

    private static FloatArray input(String id) {
        return NpyReader.read(Fixtures.path("reference/" + id + "/input.npy"));
    }

    private static FloatArray scaled(String name) {
        try {
            return NpyReader.read(Path.of(ScaledForwardDjlTest.class.getResource("torchscript/scaled/" + name).toURI()));
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing torchscript/scaled/" + name + "; run make_scaled_references.py", e);
        }
    }

    private static FloatArray forwardScaled(TorchScriptModel model, FloatArray x, String layer, FloatArray factor) {
        try (Scope scope = model.openScope()) {
            return scope.forwardScaled(scope.upload(x), layer, scope.upload(factor)).logits().toHost();
        }
    }

    private static FloatArray forward(TorchScriptModel model, FloatArray x) {
        try (Scope scope = model.openScope()) {
            return scope.forward(scope.upload(x), HookSpec.none()).logits().toHost();
        }
    }

    private static FloatArray ones(long... shape) {
        float[] v = new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        Arrays.fill(v, 1f);
        return new FloatArray(v, shape);
    }

    @ParameterizedTest
    @CsvSource({
        "models/resnet18_traced.pt, resnet18, layer4, resnet18_layer4_ablate",
        "models/resnet18_traced.pt, resnet18, layer3.1.conv2, resnet18_layer3.1.conv2_channels",
        "models/resnet18_traced.pt, resnet18, layer2.0.downsample.0, resnet18_layer2.0.downsample.0_map",
        "models/resnet18_scripted.pt, resnet18, layer4, resnet18_layer4_ablate",
        "models/resnet18_scripted.pt, resnet18, layer3.1.conv2, resnet18_layer3.1.conv2_channels",
        "models/resnet18_scripted.pt, resnet18, layer2.0.downsample.0, resnet18_layer2.0.downsample.0_map",
        "quickstart/shapes_cnn.pt, shapes_cnn, features.13, shapes_cnn_features.13_ablate",
        "quickstart/shapes_cnn.pt, shapes_cnn, features.11, shapes_cnn_features.11_channels"
    })
    void equalsTorchWithAForwardHookThatScalesTheOutput(String file, String id, String layer, String name) {
        FloatArray x = input(id);
        TorchScriptModel model = model(file, x);
        assertTrue(model.capabilities().contains(Capability.LAYER_SCALING));
        FloatArray expected = scaled(name + "_logits.npy");

        FloatArray actual = forwardScaled(model, x, layer, scaled(name + "_factor.npy"));

        assertClose(actual, expected, RTOL, ATOL, file + " " + name);
        assertTrue(Close.maxAbsDiff(forward(model, x), expected) > 0.01 * Close.maxAbs(expected),
                name + ": the factor changes the logits, so the comparison means something");
    }

    @ParameterizedTest
    @CsvSource({
        "models/resnet18_traced.pt, resnet18, layer4",
        "models/resnet18_scripted.pt, resnet18, layer1.0.bn2",
        "quickstart/shapes_cnn.pt, shapes_cnn, features.13",
        "quickstart/shapes_cnn.pt, shapes_cnn, classifier"
    })
    void aFactorOfOnesGivesThePlainForwardExactly(String file, String id, String layer) {
        FloatArray x = input(id);
        TorchScriptModel model = model(file, x);
        long[] shape = model.layers().stream().filter(l -> l.path().equals(layer)).findFirst().orElseThrow().outputShape();
        long[] perChannel = new long[shape.length];
        Arrays.fill(perChannel, 1);
        perChannel[0] = x.dim(0);
        perChannel[1] = shape[1];

        assertArrayEquals(forward(model, x).data(), forwardScaled(model, x, layer, ones(perChannel)).data());
    }

    /** Same weights, different TorchScript source (traced vs scripted): same scaled logits up to float rounding. */
    @Test
    void tracedAndScriptedResnetAgree() {
        FloatArray x = input("resnet18");
        FloatArray factor = scaled("resnet18_layer3.1.conv2_channels_factor.npy");

        FloatArray traced = forwardScaled(model(RESNET, x), x, "layer3.1.conv2", factor);
        FloatArray scripted = forwardScaled(model("models/resnet18_scripted.pt", x), x, "layer3.1.conv2", factor);

        assertClose(scripted, traced, RTOL, ATOL, "scripted vs traced resnet18, layer3.1.conv2 scaled");
    }

    @Test
    void aReluThatRunsTwiceIsRefusedNamingItsParent() {
        FloatArray x = input("resnet18");
        TorchScriptModel model = model(RESNET, x);

        LoupeException e = assertThrows(LoupeException.class,
                () -> forwardScaled(model, x, "layer4.1.relu", ones(2, 64, 1, 1)));

        assertEquals(ErrorKind.INPUT, e.kind());
        assertTrue(e.getMessage().contains("Layer 'layer4.1.relu' cannot be scaled")
                && e.getMessage().contains("runs 2 times") && e.getMessage().contains("'layer4.1'"), e.getMessage());
    }

    @Test
    void anUnknownLayerIsRefusedAsTapsRefuseIt() {
        FloatArray x = input("shapes_cnn");
        TorchScriptModel model = model(SHAPES, x);
        try (Scope scope = model.openScope()) {
            UnknownLayerException scaled = assertThrows(UnknownLayerException.class,
                    () -> scope.forwardScaled(scope.upload(x), "features.14", scope.upload(ones(1))));
            UnknownLayerException tapped = assertThrows(UnknownLayerException.class,
                    () -> scope.forward(scope.upload(x), HookSpec.layers(List.of("features.14"))));
            assertEquals(tapped.getMessage(), scaled.getMessage());
            assertTrue(scaled.suggestions().contains("features.13"), scaled.suggestions().toString());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "6, 63, 1, 1 | its dimension 1 is 63 where the output has 64",
        "3, 64, 1, 1 | its batch dimension is 3, the input's batch size 6",
        "1, 64, 20, 40 | its dimension 3 is 40 where the output has 20",
        "1, 1, 64, 1, 1 | it has 5 dimensions, the output 4"
    })
    void aFactorThatDoesNotBroadcastIsRefused(String shape, String why) {
        FloatArray x = input("shapes_cnn");
        long[] dims = Arrays.stream(shape.split(",")).map(String::trim).mapToLong(Long::parseLong).toArray();
        TorchScriptModel model = model(SHAPES, x);

        LoupeException e = assertThrows(LoupeException.class, () -> forwardScaled(model, x, "features.13", ones(dims)));

        assertEquals(ErrorKind.INPUT, e.kind());
        assertTrue(e.getMessage().contains("layer 'features.13'") && e.getMessage().contains(why), e.getMessage());
    }

    /**
     * Arrays a scaled pass makes live in the scope: each pass's logits are released when its scope
     * closes and nothing is left in the model's manager. (Process memory over many explanations is
     * measured by {@code loupe bench --memory}, not asserted here: RSS moves with the allocators.)
     */
    @Test
    void scopesFreeWhatScaledPassesMake() {
        FloatArray x = input("shapes_cnn");
        FloatArray factor = scaled("shapes_cnn_features.11_channels_factor.npy");
        TorchScriptModel model = model(SHAPES, x);
        NDManager modelManager;
        try (Scope scope = model.openScope()) {
            modelManager = DjlTensor.unwrap(scope.upload(x)).getManager().getParentManager();
        }
        forwardScaled(model, x, "features.11", factor);
        int arrays = modelManager.getManagedArrays().size();
        for (int i = 0; i < 50; i++) {
            NDArray logits;
            try (Scope scope = model.openScope()) {
                logits = DjlTensor.unwrap(scope.forwardScaled(scope.upload(x), "features.11", scope.upload(factor)).logits());
                assertEquals(modelManager, logits.getManager().getParentManager(), "the logits belong to the scope");
            }
            assertTrue(logits.isReleased(), "closing the scope released the logits");
        }
        assertEquals(arrays, modelManager.getManagedArrays().size(), "arrays left in the model's manager");
    }

}
