package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code output:} render options: every kind's file, run.json, and binder errors for bad names. */
class RenderOptionsCliTest {

    @TempDir
    Path tmp;

    private static Path sample() {
        return Fixtures.root().getParent().resolve("config-samples/render-options.yaml");
    }

    @Test
    void everyKindIsWrittenAndRecorded() throws Exception {
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("explain", "--config", sample().toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);

        Path circle = Files.list(out).filter(Files::isDirectory).sorted().findFirst().orElseThrow();
        for (String file : List.of("saliency.png", "saliency.heatmap.png", "saliency.edges.png",
                "saliency.rgb-gradient.png", "saliency.masked.png", "grad-cam.png", "grad-cam.heatmap.png",
                "grad-cam.edges.png", "grad-cam.masked.png")) {
            assertThat(circle.resolve(file)).exists();
        }
        // a layer map has no colour channels: skipped, with one warning for the method, not one per image
        assertThat(circle.resolve("grad-cam.rgb-gradient.png")).doesNotExist();
        assertThat(run.err().split("rgb-gradient", -1)).hasSize(2);
        assertThat(run.err()).contains("warning: grad-cam");

        JsonNode render = new ObjectMapper().readTree(out.resolve("run.json").toFile()).path("render");
        assertThat(render.path("colormap").asText()).isEqualTo("viridis");
        JsonNode pipeline = render.path("pipeline");
        assertThat(pipeline.path("sign").asText()).isEqualTo("positive");
        assertThat(pipeline.path("normalise").asText()).startsWith("clip-percentile 98");
        assertThat(pipeline.path("kinds")).hasSize(5);
    }

    @Test
    void aBadKindIsABinderErrorNamingTheChoices() throws Exception {
        CliRun run = runWith("  kinds: [overlay, edge]\n");
        assertThat(run.exitCode()).as(run.toString()).isNotEqualTo(ExitCodes.OK);
        assertThat(run.err()).contains("output.kinds[1]").contains("edges").contains(":");
        assertThat(run.err()).containsPattern("\\.yaml:\\d+:\\d+");
    }

    @Test
    void aBadColormapIsABinderErrorNamingTheChoices() throws Exception {
        CliRun run = runWith("  colormap: viridiss\n");
        assertThat(run.exitCode()).as(run.toString()).isNotEqualTo(ExitCodes.OK);
        assertThat(run.err()).contains("output.colormap").contains("viridis").contains("magma").contains("coolwarm");
        assertThat(run.err()).containsPattern("\\.yaml:\\d+:\\d+");
    }

    private CliRun runWith(String outputLine) throws Exception {
        String yaml = "model:\n  path: " + Fixtures.path("quickstart/shapes_cnn.pt") + "\n"
                + "images:\n  - " + Fixtures.path("quickstart/images") + "\n"
                + "methods:\n  - name: saliency\n"
                + "output:\n  dir: " + tmp.resolve("out") + "\n" + outputLine;
        Path config = tmp.resolve("bad.yaml");
        Files.writeString(config, yaml);
        return CliRun.of("explain", "--config", config.toString());
    }
}
