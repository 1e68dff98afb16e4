package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every built-in method runs from the command line on each fixture model and writes its files. */
class AllMethodsOnFixtureModelsTest {

    /** Every built-in method but cam, which needs a GAP + linear head (vgg16 has none). */
    private static final List<String> METHODS = List.of("saliency", "input-x-gradient", "integrated-gradients",
            "smoothgrad", "guided-backprop", "deconvnet", "grad-cam", "guided-grad-cam", "grad-cam-plus-plus", "xgrad-cam",
            "hires-cam", "layer-cam", "score-cam", "eigen-cam", "ablation-cam", "occlusion", "rise");

    /** Small enough settings that the 224 x 224 models finish in seconds. */
    private static final String[] FAST = {"--param", "steps=8", "--param", "samples=4", "--param", "masks=24",
        "--param", "window=40", "--param", "stride=40"};

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "quickstart/shapes_cnn.pt, quickstart/images/square_1.png, square_1, true",
        "models/resnet18_traced.pt, reference/resnet18/images/pattern_1.png, pattern_1, true",
        "models/resnet18_scripted.pt, reference/resnet18/images/pattern_2.png, pattern_2, true",
        "models/vgg16_traced.pt, reference/vgg16/images/pattern_1.png, pattern_1, false"
    })
    void everyMethodRuns(String model, String image, String stem, boolean gapHead) {
        List<String> methods = new java.util.ArrayList<>(METHODS);
        if (gapHead) {
            methods.add("cam");
        }
        List<String> args = new java.util.ArrayList<>(List.of("explain", "--model", Fixtures.path(model).toString(), "--image",
                Fixtures.path(image).toString(), "--method", String.join(",", methods), "--out", tmp.toString()));
        args.addAll(List.of(FAST));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        for (String method : methods) {
            assertThat(tmp.resolve(stem).resolve(method + ".npy")).exists();
            assertThat(tmp.resolve(stem).resolve(method + ".png")).exists();
        }
    }

    @org.junit.jupiter.api.Test
    void camOnAModelWithoutPoolingAndLinearHeadIsAClearInputError() {
        CliRun run = CliRun.of("explain", "--model", Fixtures.path("models/vgg16_traced.pt").toString(), "--image",
                Fixtures.path("reference/vgg16/images/pattern_1.png").toString(), "--method", "cam", "--out", tmp.toString());
        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.err()).contains("global average pooling").contains("grad-cam");
    }
}
