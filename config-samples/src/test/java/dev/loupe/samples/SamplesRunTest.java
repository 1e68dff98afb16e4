package dev.loupe.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every YAML sample in this folder runs and exits 0: {@code evaluate*.yaml} through
 * {@code loupe evaluate}, every other one through {@code loupe explain}.
 */
class SamplesRunTest {

    @TempDir
    Path tmp;

    static List<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("").toAbsolutePath())) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).as("samples in " + Path.of("").toAbsolutePath()).isNotEmpty();
            return yaml;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleRuns(Path sample) throws IOException {
        if (sample.getFileName().toString().startsWith("evaluate")) {
            evaluationRuns(sample);
            return;
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "explain", "--config", sample.toString(),
                "--out", tmp.toString());
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(tmp.resolve("run.json")).exists();
        if (sample.getFileName().toString().equals("gradient-methods.yaml")) {
            // the seed of a seeded method is part of the provenance
            assertThat(Files.readString(tmp.resolve("run.json"))).contains("\"seeds\" : {\n    \"smoothgrad\" : 0");
        }
        if (sample.getFileName().toString().equals("grid.yaml")) {
            // the comparison figure, and the per-image pictures as JPEG
            assertThat(tmp.resolve("grid.png")).isNotEmptyFile();
            assertThat(tmp.resolve("circle_1/grad-cam.jpg")).isNotEmptyFile();
            assertThat(tmp.resolve("circle_1/grad-cam.png")).doesNotExist();
        }
        try (Stream<Path> written = Files.walk(tmp)) {
            assertThat(written.filter(p -> p.toString().endsWith(".npy")).count()).isPositive();
        }
    }

    private void evaluationRuns(Path sample) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "evaluate", "--config", sample.toString(),
                "--out", tmp.toString());
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(tmp.resolve("evaluation.csv")).exists();
        assertThat(Files.readString(tmp.resolve("evaluation.json"))).contains("\"format\" : \"loupe-evaluation/1\"");
    }
}
