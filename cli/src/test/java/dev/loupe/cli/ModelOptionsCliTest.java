package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.model.Device;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model.options} and {@code --model-option}: bound, merged, checked before loading, passed to the backend. */
class ModelOptionsCliTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void forget() {
        OptionsProbeBackend.LAST.set(null);
    }

    private static String model() {
        return Fixtures.path("quickstart/shapes_cnn.pt").toString();
    }

    private Path config(String modelSection) throws Exception {
        return Files.writeString(tmp.resolve("run.yaml"), "model:\n  path: " + model() + "\n" + modelSection + """
                images: [%s]
                methods: [{name: saliency}]
                output: {dir: %s}
                """.formatted(Fixtures.path("quickstart/images/circle_1.png"), tmp.resolve("out")));
    }

    private CliRun explainFlags(String... extra) {
        List<String> args = new ArrayList<>(List.of("explain", "--model", model(), "--image",
                Fixtures.path("quickstart/images").toString(), "--method", "saliency", "--out", tmp.resolve("out").toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void yamlOptionsAndDeviceReachTheBackend() throws Exception {
        Path file = config("""
                  backend: options-probe
                  device: gpu:1
                  options:
                    threads: 4
                    tags: serve
                """);
        CliRun run = CliRun.of("explain", "--config", file.toString());
        assertThat(run.err()).as(run.toString()).contains("options-probe opens no model");
        ModelSpec spec = OptionsProbeBackend.LAST.get();
        assertThat(spec.options()).isEqualTo(Map.of("threads", "4", "tags", "serve"));
        assertThat(spec.device()).isEqualTo(Device.gpu(1));
        assertThat(spec.path()).isEqualTo(Path.of(model()));
    }

    @Test
    void flagsGoOnTopOfTheFilesOptions() throws Exception {
        Path file = config("  backend: options-probe\n  options: {threads: 4, tags: serve}\n");
        CliRun run = CliRun.of("explain", "--config", file.toString(), "--model-option", "threads=8");
        assertThat(run.err()).as(run.toString()).contains("options-probe opens no model");
        assertThat(OptionsProbeBackend.LAST.get().options()).isEqualTo(Map.of("threads", "8", "tags", "serve"));
    }

    @Test
    void flagsAloneReachTheBackend() {
        CliRun run = explainFlags("--backend", "options-probe", "--model-option", "tags=serve,gpu",
                "--model-option", "threads=2", "--device", "GPU");
        assertThat(run.err()).as(run.toString()).contains("options-probe opens no model");
        assertThat(OptionsProbeBackend.LAST.get().options()).isEqualTo(Map.of("tags", "serve,gpu", "threads", "2"));
        assertThat(OptionsProbeBackend.LAST.get().device()).isEqualTo(Device.gpu(0));
    }

    @Test
    void anOptionTheBackendDoesNotTakeIsAUsageErrorBeforeLoading() throws Exception {
        CliRun run = explainFlags("--backend", "options-probe", "--model-option", "thread=2");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Backend 'options-probe' has no model option 'thread'. Did you mean 'threads'?"
                + " Its model options: tags, threads.");
        assertThat(OptionsProbeBackend.LAST.get()).as("nothing opened").isNull();
        assertThat(tmp.resolve("out")).doesNotExist();

        Path file = config("  backend: options-probe\n  options: {tgas: serve}\n");
        CliRun fromFile = CliRun.of("explain", "--config", file.toString());
        assertThat(fromFile.exitCode()).as(fromFile.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(fromFile.err()).contains("no model option 'tgas'. Did you mean 'tags'?");
    }

    @Test
    void djlTakesNoOptions() {
        CliRun run = explainFlags("--model-option", "threads=2");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("error: Backend 'djl' has no model option 'threads'. It takes no model options.");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void everyCommandThatOpensAModelChecksTheOptions() {
        String bad = "nope=1";
        String heldout = Fixtures.path("shapes-heldout").toString();
        List<CliRun> runs = List.of(
                CliRun.of("layers", "--model", model(), "--input-size", "80", "--model-option", bad),
                CliRun.of("bench", "--model", model(), "--images", Fixtures.path("quickstart/images").toString(),
                        "--out", tmp.resolve("bench").toString(), "--method", "saliency", "--model-option", bad),
                CliRun.of("localisation", "--model", model(), "--heldout", heldout, "--method", "saliency",
                        "--out", tmp.resolve("loc").toString(), "--model-option", bad));
        for (CliRun run : runs) {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).contains("Backend 'djl' has no model option 'nope'.");
        }
        assertThat(tmp.resolve("bench")).doesNotExist();
        assertThat(tmp.resolve("loc")).doesNotExist();
    }

    @Test
    void anOptionWithoutAValueIsAUsageError() {
        CliRun run = explainFlags("--model-option", "threads");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--model-option").contains("KEY=VALUE");
    }
}
