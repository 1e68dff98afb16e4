package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.testing.Fixtures;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layer lists and groups that cannot be run: each has its message and exit code, and nothing is written. */
class LayerBadInputTest {

    @TempDir
    Path tmp;

    private Path out() {
        return tmp.resolve("out");
    }

    private CliRun explain(String method, String... extra) {
        List<String> args = new ArrayList<>(List.of("explain", "--model", Fixtures.path("quickstart/shapes_cnn.pt").toString(),
                "--image", Fixtures.path("quickstart/images").toString(), "--method", method, "--out", out().toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private CliRun explainConfig(String methods) throws Exception {
        Path config = tmp.resolve("run.yaml");
        Files.writeString(config, "model: {path: " + Fixtures.path("quickstart/shapes_cnn.pt") + "}\n"
                + "images: [" + Fixtures.path("quickstart/images") + "]\n"
                + "output: {dir: " + out() + "}\n" + methods);
        return CliRun.of("explain", "--config", config.toString());
    }

    @Test
    void anUnknownLayerInAListIsNamedWithDidYouMean() throws Exception {
        CliRun run = explain("grad-cam", "--layer", "features.13,features.31");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INPUT);
        // features.11 and features.13 are both one edit away (a swap counts as one)
        assertThat(run.err()).contains("'features.31', which the model does not have. Did you mean 'features.11' or"
                + " 'features.13'");
        CliRun yaml = explainConfig("methods:\n  - name: grad-cam\n    params: {layer: [features.13, featurs.11, all-cnv]}\n");
        assertThat(yaml.exitCode()).as(yaml.toString()).isEqualTo(ExitCodes.INPUT);
        assertThat(yaml.err()).contains("'featurs.11'").contains("Did you mean 'features.11'")
                .contains("'all-cnv'").contains("Did you mean 'all-conv'");
        assertThat(out()).doesNotExist();
    }

    @Test
    void aLayerListOnAMethodWithoutALayerIsAUsageError() throws Exception {
        CliRun yaml = explainConfig("methods:\n  - name: saliency\n    params: {layer: [features.13, features.11]}\n");
        assertThat(yaml.exitCode()).as(yaml.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(yaml.err()).contains("Method 'saliency' has no 'layer' parameter").contains("Methods that do: ")
                .contains(" grad-cam,").contains(" guided-grad-cam");
        CliRun flag = explain("saliency", "--layer", "features.13,features.11");
        assertThat(flag.exitCode()).as(flag.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(flag.err()).contains("--layer: none of the chosen methods [saliency] takes a parameter 'layer'");
        CliRun param = explain("saliency", "--param", "saliency.layer=features.13,features.11");
        assertThat(param.exitCode()).as(param.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(out()).doesNotExist();
    }

    @Test
    void misspeltListsAreUsageErrorsWithTheirPosition() throws Exception {
        CliRun yaml = explainConfig("methods:\n  - name: grad-cam\n    params: {layer: [features.13, features.13]}\n");
        assertThat(yaml.exitCode()).as(yaml.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(yaml.err()).contains("run.yaml:6:35: methods[0].params.layer[1]: layer 'features.13' is listed twice");
        CliRun flag = explain("grad-cam", "--layer", "features.13,all-conv");
        assertThat(flag.exitCode()).as(flag.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(flag.err()).contains("'all-conv' selects a whole group of layers; give it alone");
        CliRun twice = explain("grad-cam", "--layer", "features.13", "--layer", "features.13");
        assertThat(twice.exitCode()).as(twice.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(twice.err()).contains("layer 'features.13' is listed twice");
        assertThat(out()).doesNotExist();
    }

    @Test
    void aListedLayerTheMethodRefusesStopsTheRunBeforeAnyImage() {
        // classifier is (1, 4): not a feature map, which the method's own model check refuses
        CliRun run = explain("grad-cam", "--layer", "features.13,classifier");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("'classifier'");
        assertThat(out()).doesNotExist();
    }

    @Test
    void autoPickingALayerThatIsAlsoListedIsAnInputError() {
        // on the quickstart CNN auto picks features.13 raised to its parent with the same output, features
        CliRun run = explain("grad-cam", "--layer", "features,auto");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("'auto' picks 'features'");
        assertThat(out()).doesNotExist();
    }

    @Test
    void allConvOnAModelWithoutConvolutionsSaysSo() throws URISyntaxException {
        Path model = Path.of(getClass().getResource("/models/pool_linear.pt").toURI());
        for (String group : List.of("all-conv", "all-blocks")) {
            CliRun run = CliRun.of("explain", "--model", model.toString(), "--image", Fixtures.path("quickstart/images").toString(),
                    "--input-size", "16", "--method", "grad-cam", "--layer", group, "--out", out().toString());
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INPUT);
            assertThat(run.err()).contains("--layer " + group + ": the model has no layer that fits this rule")
                    .contains("AdaptiveAvgPool2d, Flatten, Linear");
            assertThat(out()).doesNotExist();
        }
        CliRun conv = CliRun.of("explain", "--model", model.toString(), "--image", Fixtures.path("quickstart/images").toString(),
                "--input-size", "16", "--method", "grad-cam", "--layer", "all-conv", "--out", out().toString());
        assertThat(conv.err()).contains("every convolution layer (PyTorch Conv2d, TensorFlow Conv2D scope) with a (B, C, H, W) output");
    }
}
