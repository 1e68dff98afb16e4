package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code loupe evaluate} end to end on the quickstart model: outputs, a bad image, and usage errors. */
class EvaluateCommandTest {

    @TempDir
    Path tmp;

    private Path config(String metrics, String images, String extra) throws IOException {
        Path file = tmp.resolve("eval.yaml");
        String quickstart = Fixtures.path("quickstart").toAbsolutePath().toString();
        Files.writeString(file, String.join("\n",
                "model:",
                "  path: " + quickstart + "/shapes_cnn.pt",
                "images:",
                images,
                "methods:",
                "  - name: saliency",
                "  - name: grad-cam",
                "metrics:",
                metrics,
                extra,
                "output:",
                "  dir: " + tmp.resolve("out"),
                ""));
        return file;
    }

    private static String quickstartImage(String name) {
        return "  - " + Fixtures.path("quickstart/images/" + name).toAbsolutePath();
    }

    @Test
    void writesTheTableCurvesAndPlots() throws IOException {
        Path file = config("  - name: deletion\n    params: {steps: 4}\n  - name: road\n    params: {percentages: '50'}\n"
                        + "  - name: pointing-game",
                quickstartImage("circle_1.png") + "\n" + quickstartImage("cross_1.png"),
                "masks:\n  folder: " + Fixtures.path("quickstart/masks").toAbsolutePath() + "\nseed: 3");
        CliRun run = CliRun.of("evaluate", "--config", file.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        Path out = tmp.resolve("out");
        List<String> csv = Files.readAllLines(out.resolve("evaluation.csv"));
        assertThat(csv.get(0)).isEqualTo("method,metric,direction,n,mean,ci_low,ci_high,not_applicable,skipped");
        assertThat(csv).hasSize(1 + 2 * 3);
        assertThat(csv.get(1)).startsWith("saliency,deletion,lower,2,");
        JsonNode json = new ObjectMapper().readTree(out.resolve("evaluation.json").toFile());
        assertThat(json.get("format").asText()).isEqualTo("loupe-evaluation/1");
        assertThat(json.get("seed").asLong()).isEqualTo(3);
        JsonNode first = json.get("summary").get(0);
        double mean = first.get("mean").asDouble();
        assertThat(first.get("ci_low").asDouble()).isLessThanOrEqualTo(mean);
        assertThat(first.get("ci_high").asDouble()).isGreaterThanOrEqualTo(mean);
        assertThat(json.get("per_image")).hasSize(2 * 2 * 3);
        assertThat(json.get("best").has("deletion")).isTrue();
        for (String curve : List.of("deletion", "road-morf", "road-lerf")) {
            assertThat(out.resolve("curves/" + curve + ".csv")).exists();
            assertThat(ImageIO.read(out.resolve("curves/" + curve + ".png").toFile()).getWidth()).isPositive();
        }
        // 2 methods x 2 images x 5 points
        assertThat(Files.readAllLines(out.resolve("curves/deletion.csv"))).hasSize(1 + 2 * 2 * 5);
    }

    @Test
    void theSameSeedGivesTheSameNumbers() throws IOException {
        // ROAD draws noise per image from seed + the image's index: the batch size must not change it
        Path file = config("  - name: road\n    params: {percentages: '30,60'}",
                quickstartImage("square_1.png") + "\n" + quickstartImage("triangle_2.png"), "");
        assertThat(CliRun.of("evaluate", "--config", file.toString(), "--out", tmp.resolve("a").toString()).exitCode()).isZero();
        assertThat(CliRun.of("evaluate", "--config", file.toString(), "--out", tmp.resolve("b").toString(),
                "--batch-size", "1").exitCode()).isZero();
        assertThat(Files.readString(tmp.resolve("b/per-image.csv"))).isEqualTo(Files.readString(tmp.resolve("a/per-image.csv")));
    }

    @Test
    void aBadImageIsReportedAndTheOthersAreScored() throws IOException {
        Path broken = tmp.resolve("broken.png");
        Files.writeString(broken, "not a png");
        Path file = config("  - name: deletion\n    params: {steps: 2}", quickstartImage("circle_1.png") + "\n  - " + broken, "");
        CliRun run = CliRun.of("evaluate", "--config", file.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(run.err()).contains("broken.png");
        assertThat(Files.readString(tmp.resolve("out/evaluation.json"))).contains("broken.png").contains("\"images_scored\" : 1");
    }

    @Test
    void anUnknownMetricIsAUsageErrorWithASuggestionAndWritesNothing() throws IOException {
        Path file = config("  - name: deletoin", quickstartImage("circle_1.png"), "");
        CliRun run = CliRun.of("evaluate", "--config", file.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Unknown metric 'deletoin'").contains("Did you mean 'deletion'?");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void badMetricParametersAreUsageErrors() throws IOException {
        Path file = config("  - name: road\n    params: {percentages: '50,150'}", quickstartImage("circle_1.png"), "");
        CliRun run = CliRun.of("evaluate", "--config", file.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("percentages");
    }

    @Test
    void aMissingMaskFolderIsAnInputError() throws IOException {
        Path file = config("  - name: pointing-game", quickstartImage("circle_1.png"), "masks:\n  folder: " + tmp.resolve("none"));
        CliRun run = CliRun.of("evaluate", "--config", file.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("Mask folder");
    }

    @Test
    void anUnknownConfigKeyIsAUsageErrorWithItsLine() throws IOException {
        Path file = config("  - name: deletion", quickstartImage("circle_1.png"), "sead: 4");
        CliRun run = CliRun.of("evaluate", "--config", file.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("sead").contains("seed");
    }

    @Test
    void flagsWorkWithoutAConfigFile() {
        CliRun run = CliRun.of("evaluate", "--model", Fixtures.path("quickstart/shapes_cnn.pt").toString(),
                "--image", Fixtures.path("quickstart/images/triangle_1.png").toString(), "--method", "saliency",
                "--metric", "energy-pointing-game", "--masks", Fixtures.path("quickstart/masks").toString(),
                "--out", tmp.resolve("flags").toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(tmp.resolve("flags/evaluation.csv")).exists();
    }

    @Test
    void runsOnATensorFlowSavedModel() {
        // the quickstart CNN's TensorFlow twin: the same weights, so the same numbers as TorchScript's
        String image = Fixtures.path("quickstart/images/cross_1.png").toString();
        CliRun tf = CliRun.of("evaluate", "--model", Fixtures.path("tf/shapes_cnn/graph").toString(), "--image", image,
                "--method", "saliency", "--metric", "insertion", "--out", tmp.resolve("tf").toString());
        CliRun torch = CliRun.of("evaluate", "--model", Fixtures.path("quickstart/shapes_cnn.pt").toString(), "--image", image,
                "--method", "saliency", "--metric", "insertion", "--out", tmp.resolve("torch").toString());
        assertThat(tf.exitCode()).as(tf.toString()).isZero();
        assertThat(torch.exitCode()).as(torch.toString()).isZero();
        double onTf = Double.parseDouble(lastRowCell(tmp.resolve("tf/evaluation.csv"), 4));
        double onTorch = Double.parseDouble(lastRowCell(tmp.resolve("torch/evaluation.csv"), 4));
        assertThat(onTf).isCloseTo(onTorch, org.assertj.core.api.Assertions.within(1e-4));
    }

    private static String lastRowCell(Path csv, int column) {
        try {
            List<String> lines = Files.readAllLines(csv);
            return lines.get(lines.size() - 1).split(",")[column];
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void missingFlagsAreNamed() {
        CliRun run = CliRun.of("evaluate", "--model", "x.pt");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--image").contains("--method").contains("--metric").contains("--out");
    }
}
