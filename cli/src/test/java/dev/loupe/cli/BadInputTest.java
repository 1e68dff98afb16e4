package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input gets its message, its exit code, and no half-written output. */
class BadInputTest {

    @TempDir
    Path tmp;

    private CliRun explain(Path model, Path image, String method, String... extra) {
        List<String> args = new ArrayList<>(List.of("explain", "--model", model.toString(), "--image", image.toString(),
                "--method", method, "--out", tmp.resolve("out").toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static Path model() {
        return Fixtures.path("quickstart/shapes_cnn.pt");
    }

    private static Path image() {
        return Fixtures.path("quickstart/images");
    }

    private void assertNothingWritten() {
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void missingModelFile() {
        CliRun run = explain(tmp.resolve("nope.pt"), image(), "saliency");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("nope.pt").contains("does not exist");
        assertNothingWritten();
    }

    @Test
    void stateDictInsteadOfTorchScript() {
        CliRun run = explain(Fixtures.path("bad-input/state_dict.pt"), image(), "saliency");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("No backend recognizes").contains("TorchScript");
        assertNothingWritten();
    }

    @Test
    void notAModelAtAllNamedByBackend() {
        CliRun run = explain(Fixtures.path("bad-input/not_a_model.pt"), image(), "saliency", "--backend", "djl");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("not a zip archive");
        assertNothingWritten();
    }

    @Test
    void unreadableModelFile() throws Exception {
        Path locked = Files.copy(model(), tmp.resolve("locked.pt"));
        assertThat(locked.toFile().setReadable(false)).isTrue();
        if (Files.isReadable(locked)) {
            // root reads everything: show the exit code with a folder no backend reads instead
            // (BackendRegistryTest drives the readability check itself)
            locked = tmp;
        }
        CliRun run = explain(locked, image(), "saliency");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INPUT);
        assertNothingWritten();
    }

    @Test
    void unknownLayerSuggestsCloseNames() {
        CliRun run = explain(model(), image(), "grad-cam", "--layer", "features.31");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("no layer 'features.31'").contains("features.13");
        assertNothingWritten();
    }

    @Test
    void occlusionWindowLargerThanTheInputOrStrideZero() {
        CliRun run = explain(model(), image(), "occlusion", "--param", "window=96");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("window 96 is larger than the 80x80 input").contains("at most 80");
        CliRun zero = explain(model(), image(), "occlusion", "--param", "stride=0");
        assertThat(zero.exitCode()).as(zero.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(zero.err()).contains("'stride'");
        assertNothingWritten();
    }

    @Test
    void camLayerWithoutASpatialOutput() {
        CliRun run = explain(model(), image(), "score-cam", "--layer", "classifier");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("score-cam needs a layer with a (batch, channels, height, width) output")
                .contains("'classifier'");
        assertNothingWritten();
    }

    @Test
    void camOnALayerNotFollowedByPoolingAndLinear() {
        CliRun run = explain(model(), image(), "cam", "--layer", "features.11");
        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.err()).contains("global average pooling").contains("features.11").contains("grad-cam");
    }

    @Test
    void classIndexOutOfRange() {
        CliRun run = explain(model(), image(), "saliency", "--target", "7");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("out of range").contains("4 classes");
        assertNothingWritten();
    }

    @Test
    void unknownMethodListsAvailable() {
        CliRun run = explain(model(), image(), "grad-camm");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Unknown method 'grad-camm'").contains("Did you mean 'grad-cam'").contains("saliency");
        assertNothingWritten();
    }

    @Test
    void unknownAndIllTypedParameters() {
        CliRun run = CliRun.of("explain", "--config", writeConfig("""
                methods:
                  - name: grad-cam
                    params: {rellu: true, layer: features.13}
                """).toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown parameter 'rellu'").contains("Did you mean 'relu'");
        CliRun typed = explain(model(), image(), "grad-cam", "--param", "relu=maybe");
        assertThat(typed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(typed.err()).contains("'relu': expected true or false, got 'maybe'");
        CliRun nobody = explain(model(), image(), "saliency", "--param", "relu=true");
        assertThat(nobody.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(nobody.err()).contains("takes a parameter 'relu'");
        assertNothingWritten();
    }

    @Test
    void yamlUnknownKeyWithPosition() {
        Path config = writeConfig("""
                methods:
                  - name: saliency
                outptu: {}
                """);
        CliRun run = CliRun.of("explain", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("run.yaml:").contains("unknown key 'outptu'").contains("did you mean 'output'");
        assertNothingWritten();
    }

    @Test
    void corruptImageInABatchIsReportedAndTheOthersAreWritten() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("images"));
        Files.copy(Fixtures.path("bad-input/corrupt.png"), folder.resolve("a_corrupt.png"));
        try (var images = Files.list(image())) {
            for (Path p : images.toList()) {
                Files.copy(p, folder.resolve(p.getFileName()));
            }
        }
        CliRun run = explain(model(), folder, "saliency");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(run.err()).contains("a_corrupt.png");
        JsonNode record = new ObjectMapper().readTree(tmp.resolve("out/run.json").toFile());
        assertThat(record.path("failures")).hasSize(1);
        assertThat(record.path("failures").get(0).path("file").asText()).endsWith("a_corrupt.png");
        assertThat(record.path("images")).hasSize(6);
        assertThat(tmp.resolve("out/a_corrupt")).doesNotExist();
    }

    @Test
    void onlyCorruptImagesIsAnInputError() {
        CliRun run = explain(model(), Fixtures.path("bad-input/corrupt.png"), "saliency");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("corrupt.png");
        assertNothingWritten();
    }

    @Test
    void textFileNamedPng() {
        CliRun run = explain(model(), Fixtures.path("bad-input/not_an_image.png"), "saliency");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("not_an_image.png");
    }

    @Test
    void grayRgbaAnd16BitImagesAreConvertedWithAWarning() {
        for (String name : List.of("gray.png", "rgba.png", "gray16.png")) {
            CliRun run = explain(model(), Fixtures.path("bad-input/" + name), "grad-cam", "--input-size", "80");
            assertThat(run.exitCode()).as(name + "\n" + run).isEqualTo(ExitCodes.OK);
            assertThat(run.err()).as(name).contains("warning").contains(name);
            assertThat(tmp.resolve("out").resolve(name.replace(".png", "")).resolve("grad-cam.npy")).exists();
        }
    }

    private Path writeConfig(String tail) {
        try {
            Path config = tmp.resolve("run.yaml");
            Files.writeString(config, "model:\n  path: " + model() + "\nimages: [" + image() + "]\n"
                    + "output:\n  dir: " + tmp.resolve("out") + "\n" + tail);
            return config;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
