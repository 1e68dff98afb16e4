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

    private static final List<String> METHODS = List.of("saliency", "input-x-gradient", "integrated-gradients",
            "smoothgrad", "guided-backprop", "deconvnet", "grad-cam", "guided-grad-cam");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "quickstart/shapes_cnn.pt, quickstart/images/square_1.png, square_1",
        "models/resnet18_traced.pt, reference/resnet18/images/pattern_1.png, pattern_1",
        "models/resnet18_scripted.pt, reference/resnet18/images/pattern_2.png, pattern_2",
        "models/vgg16_traced.pt, reference/vgg16/images/pattern_1.png, pattern_1"
    })
    void everyMethodRuns(String model, String image, String stem) {
        CliRun run = CliRun.of("explain", "--model", Fixtures.path(model).toString(), "--image",
                Fixtures.path(image).toString(), "--method", String.join(",", METHODS), "--param", "steps=8",
                "--param", "samples=4", "--out", tmp.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        for (String method : METHODS) {
            assertThat(tmp.resolve(stem).resolve(method + ".npy")).exists();
            assertThat(tmp.resolve(stem).resolve(method + ".png")).exists();
        }
    }
}
