package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI on TensorFlow SavedModels: backend chosen from the folder, layers, a run, bad input. */
class TensorFlowCliTest {

    @TempDir
    Path tmp;

    private static String keras() {
        return Fixtures.path("tf/resnet18/keras").toString();
    }

    /** Every PyTorch module of resnet18 is a TensorFlow scope with the same output shape, '.' read as '/'. */
    @Test
    void layersOfAKerasStyleModelAreThePyTorchModulesAsScopes() throws Exception {
        CliRun run = CliRun.of("layers", "--model", keras(), "--input-size", "224", "--model-option", "output=logits");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode expected = new ObjectMapper().readTree(Fixtures.path("reference/resnet18/layers.json").toFile());
        int checked = 0;
        for (JsonNode layer : expected) {
            String path = layer.path("path").asText().replace('.', '/');
            if (layer.path("output_shape").isMissingNode() || path.equals("layer1/0/relu") || path.endsWith("/relu")) {
                continue; // PyTorch's shared block ReLU is two TensorFlow scopes (relu, relu_1)
            }
            String shape = layer.path("output_shape").toString().replace(",", ", ");
            assertThat(run.out()).containsPattern("(?m)^\\s*" + Pattern.quote(path) + "\\s+\\S+\\s+" + Pattern.quote(shape) + "$");
            checked++;
        }
        assertThat(checked).isGreaterThan(40);
        assertThat(run.out()).contains("auto picks 'layer4'").doesNotContain("Conv2D/ReadVariableOp")
                .containsPattern("single ops inside these layers can be named too; --ops lists them");
        assertThat(run.out()).contains("layer: all-conv selects 20 layers: conv1, layer1/0/conv1,")
                .contains("layer: all-blocks selects");
        CliRun withOps = CliRun.of("layers", "--model", keras(), "--input-size", "224", "--model-option", "output=logits", "--ops");
        assertThat(withOps.out()).containsPattern("(?m)^\\s*layer4/1/conv2/Conv2D\\s+op Conv2D\\s+\\[1, 64, 7, 7\\]$");
    }

    @Test
    void explainChoosesTheTensorflowBackendFromTheFolder() throws Exception {
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("explain", "--model", Fixtures.path("tf/shapes_cnn/graph").toString(), "--image",
                Fixtures.path("quickstart/images").toString(), "--method", "grad-cam,guided-backprop", "--layer", "features/13",
                "--out", out.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String record = Files.readString(out.resolve("run.json"));
        assertThat(record).contains("\"backend\" : \"tensorflow\"").contains("features/13");
        try (var files = Files.walk(out)) {
            assertThat(files.filter(p -> p.toString().endsWith(".npy")).count()).isEqualTo(12); // 6 images x 2 methods
        }
    }

    @Test
    void severalScopesGiveOneFilePerLayerWithTheSlashesAsDots() throws Exception {
        Path out = tmp.resolve("several");
        CliRun run = CliRun.of("explain", "--model", Fixtures.path("tf/shapes_cnn/keras").toString(), "--model-option",
                "output=logits", "--image", Fixtures.path("quickstart/images/circle_1.png").toString(), "--method", "grad-cam",
                "--layer", "features/13,features/11", "--out", out.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(out.resolve("circle_1/grad-cam@features.13.npy")).isRegularFile();
        assertThat(out.resolve("circle_1/grad-cam@features.11.npy")).isRegularFile();
        assertThat(out.resolve("circle_1/grad-cam@combined.npy")).isRegularFile();
    }

    @Test
    void aFolderWithoutSavedModelIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("explain", "--model", empty.toString(), "--image", Fixtures.path("quickstart/images").toString(),
                "--method", "saliency", "--backend", "tensorflow", "--out", out.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("has no saved_model.pb");
        assertThat(out).doesNotExist();
    }

    @Test
    void aMissingSignatureAndAnUnknownOptionAreNamed() {
        CliRun signature = CliRun.of("layers", "--model", keras(), "--model-option", "signature=predict");
        assertThat(signature.exitCode()).as(signature.toString()).isEqualTo(ExitCodes.INPUT);
        assertThat(signature.err()).contains("no signature 'predict'").contains("serving_default");
        CliRun option = CliRun.of("layers", "--model", keras(), "--model-option", "outptu=logits");
        assertThat(option.exitCode()).as(option.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(option.err()).contains("outptu").contains("output");
        CliRun twoOutputs = CliRun.of("layers", "--model", keras());
        assertThat(twoOutputs.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(twoOutputs.err()).contains("has 2 outputs (logits, probabilities)");
    }

    @Test
    void anUnknownLayerGetsTheClosestScopes() {
        CliRun run = CliRun.of("explain", "--model", Fixtures.path("tf/shapes_cnn/graph").toString(), "--image",
                Fixtures.path("quickstart/images").toString(), "--method", "grad-cam", "--layer", "features.13",
                "--out", tmp.resolve("out").toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("features/13");
    }
}
