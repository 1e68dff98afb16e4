package dev.loupe.backend.djl.torchscript;

import dev.loupe.core.tensor.FloatArray;
import static dev.loupe.backend.djl.torchscript.TapAssertions.TORCH_TOLERANCE;
import static dev.loupe.backend.djl.torchscript.TapAssertions.assertTapsMatchReference;
import static dev.loupe.backend.djl.torchscript.Tensors.assertClose;
import static dev.loupe.backend.djl.torchscript.Tensors.assertIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tapped rewrites of the committed fixture models, loaded in DJL 0.35.1 / libtorch 2.7.1, against
 * the hook values fixtures/make_fixtures.py recorded with PyTorch 1.13.
 */
class FixtureModelsDjlTest {

    private static final String RESNET_TRACED = "models/resnet18_traced.pt";

    @TempDir
    Path workDir;

    @ParameterizedTest
    @CsvSource({
        "models/resnet18_traced.pt, resnet18",
        "models/resnet18_scripted.pt, resnet18",
        "models/vgg16_traced.pt, vgg16",
        "quickstart/shapes_cnn.pt, shapes_cnn"
    })
    void referenceLayersTappedTogetherMatchTorchHooks(String model, String referenceId) {
        Reference reference = TestData.fixtureReference(referenceId);

        assertTapsMatchReference(TestData.fixture(model), reference, reference.activationLayers(), workDir);
    }

    /** vgg16's features.28 (Conv2d) feeds an in-place ReLU: the leaf must keep the pre-ReLU values. */
    @Test
    void inPlaceReluAfterTheTapLeavesTheLeafAlone() {
        Reference reference = TestData.fixtureReference("vgg16");
        assertTrue(Tensors.min(reference.activation("features.28")) < 0, "the reference has negative conv outputs");

        TapAssertions.Checked checked = assertTapsMatchReference(TestData.fixture("models/vgg16_traced.pt"), reference,
                List.of("features.28"), workDir);

        assertTrue(Tensors.min(checked.leaf("features.28", 0)) < 0, "leaf kept its negative values");
    }

    @Test
    void layer3AndLayer4AtOnceGiveTheSameLeavesAsAlone() {
        Reference reference = TestData.fixtureReference("resnet18");
        Path model = TestData.fixture(RESNET_TRACED);

        TapAssertions.Checked both = assertTapsMatchReference(model, reference, List.of("layer3", "layer4"), List.of("layer4"),
                workDir.resolve("both"));
        TapAssertions.Checked alone = assertTapsMatchReference(model, reference, List.of("layer3"), List.of(),
                workDir.resolve("alone"));

        assertEquals(List.of("layer3", "layer4"), both.model().leafPaths());
        assertIdentical("layer3 leaf", alone.leaf("layer3", 0), both.leaf("layer3", 0));
        assertIdentical("layer3 leaf gradient", alone.leafGradient("layer3", 0), both.leafGradient("layer3", 0));
    }

    /** A torchvision BasicBlock uses its one ReLU twice; the second call's output is the block's output. */
    @Test
    void moduleCalledTwiceGivesOneLeafPerCall() {
        Reference reference = TestData.fixtureReference("resnet18");

        TapAssertions.Checked checked = assertTapsMatchReference(TestData.fixture(RESNET_TRACED), reference,
                List.of("layer4.1.relu"), List.of(), workDir);

        assertEquals(List.of(1, 2), checked.model().outputIndices("layer4.1.relu"));
        assertClose("second relu call = layer4 output", reference.activation("layer4"), checked.leaf("layer4.1.relu", 1),
                TORCH_TOLERANCE);
        assertClose("gradient at the second relu call = layer4's", reference.gradient("layer4"),
                checked.leafGradient("layer4.1.relu", 1), TORCH_TOLERANCE);
    }

    @Test
    void scriptedHelperMethodsAndSharedClassesWork() {
        Reference reference = TestData.fixtureReference("resnet18");

        TapAssertions.Checked checked = assertTapsMatchReference(TestData.fixture("models/resnet18_scripted.pt"), reference,
                List.of("layer4", "layer1.0.relu", "layer1.1.conv1"), List.of("layer4"), workDir);

        assertEquals(List.of("layer1.0.relu", "layer1.0.relu", "layer1.1.conv1", "layer4"), checked.model().leafPaths());
    }

    /** Every module at once: as many leaves per module as PyTorch counted calls, and the reference layers still match. */
    @ParameterizedTest
    @CsvSource({
        "models/resnet18_traced.pt, resnet18",
        "models/resnet18_scripted.pt, resnet18",
        "models/vgg16_traced.pt, vgg16",
        "quickstart/shapes_cnn.pt, shapes_cnn"
    })
    void everyModuleAtOnce(String model, String referenceId) {
        Reference reference = TestData.fixtureReference(referenceId);
        List<String> all = reference.layers().stream().map(Reference.Layer::path).toList();

        TapAssertions.Checked checked = assertTapsMatchReference(TestData.fixture(model), reference, all,
                reference.activationLayers(), workDir);

        Map<String, Integer> expectedCalls = new LinkedHashMap<>();
        Map<String, Integer> leaves = new LinkedHashMap<>();
        for (Reference.Layer layer : reference.layers()) {
            expectedCalls.put(layer.path(), layer.calls());
            leaves.put(layer.path(), checked.model().outputIndices(layer.path()).size());
        }
        assertEquals(expectedCalls, leaves);
    }

    @Test
    void entryMethodAlsoRunsWithoutGradients() {
        Reference reference = TestData.fixtureReference("resnet18");
        TappedModel tapped = new TapRewriter(TorchScriptArchive.open(TestData.fixture(RESNET_TRACED)))
                .rewrite(List.of("layer4"), workDir.resolve("tapped.pt"));

        List<FloatArray> outputs;
        try (DjlModel djl = DjlModel.load(tapped.file())) {
            outputs = djl.runWithoutGradients(tapped.methodName(), reference.input());
        }

        assertEquals(2, outputs.size());
        assertClose("output", reference.logits(), outputs.get(0), TORCH_TOLERANCE);
        assertClose("layer4 leaf", reference.activation("layer4"), outputs.get(1), TORCH_TOLERANCE);
    }
}
