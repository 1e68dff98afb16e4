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

/** Labels files through the commands: the JSON forms in predict and explain, bad files, a count mismatch. */
class LabelsCliTest {

    @TempDir
    Path tmp;

    private static String model() {
        return Fixtures.path("quickstart/shapes_cnn.pt").toString();
    }

    private static String triangle() {
        return Fixtures.path("quickstart/images/triangle_1.png").toString();
    }

    private CliRun predict(String labelsName, String labels) throws Exception {
        Path file = Files.writeString(tmp.resolve(labelsName), labels);
        return CliRun.of("predict", "--model", model(), "--image", triangle(), "--labels", file.toString(), "--top", "1",
                "--json");
    }

    @Test
    void everyJsonFormLabelsThePrediction() throws Exception {
        for (String labels : List.of(
                "[\"circle\", \"square\", \"triangle\", \"cross\"]",
                "{\"0\": \"circle\", \"1\": \"square\", \"2\": \"triangle\", \"3\": \"cross\"}",
                "{\"0\": [\"s0\", \"circle\"], \"1\": [\"s1\", \"square\"], \"2\": [\"s2\", \"triangle\"], \"3\": [\"s3\", \"cross\"]}")) {
            CliRun run = predict("labels.json", labels);
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.err()).as(labels).doesNotContain("warning");
            JsonNode top = new ObjectMapper().readTree(run.out()).path("images").get(0).path("predictions").get(0);
            assertThat(top.path("label").asText()).as(labels).isEqualTo("triangle");
        }
    }

    @Test
    void aBadLabelsFileIsAnInputErrorWithItsLine() throws Exception {
        CliRun run = predict("dup.json", "{\"0\": \"circle\",\n\"0\": \"square\"}");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("dup.json:2: class 0 is given twice");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aCountMismatchIsAWarning() throws Exception {
        CliRun run = predict("three.json", "[\"circle\", \"square\", \"triangle\"]");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("warning").contains("has 3 labels but the model has 4 classes")
                .contains("classes 3 and up have no label");
    }

    @Test
    void explainTakesATargetLabelFromAJsonLabelsFile() throws Exception {
        Path labels = Files.writeString(tmp.resolve("labels.json"),
                "{\"0\": [\"s0\", \"circle\"], \"1\": [\"s1\", \"square\"], \"2\": [\"s2\", \"triangle\"], \"3\": [\"s3\", \"cross\"]}");
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("explain", "--model", model(), "--image", triangle(), "--method", "saliency",
                "--labels", labels.toString(), "--target", "cross", "--out", out.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("target 3 (cross)");
        CliRun typo = CliRun.of("explain", "--model", model(), "--image", triangle(), "--method", "saliency",
                "--labels", labels.toString(), "--target", "crosss", "--out", tmp.resolve("typo").toString());
        assertThat(typo.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(typo.err()).contains("No class is labelled 'crosss'").contains("cross");
    }
}
