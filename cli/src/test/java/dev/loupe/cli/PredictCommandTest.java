package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code loupe predict} on the quickstart model: labels, probabilities, JSON, a bad image, the TensorFlow twin. */
class PredictCommandTest {

    @TempDir
    Path tmp;

    private static String model() {
        return Fixtures.path("quickstart/shapes_cnn.pt").toString();
    }

    private static String images() {
        return Fixtures.path("quickstart/images").toString();
    }

    private static String labels() {
        return Fixtures.path("quickstart/labels.txt").toString();
    }

    private static JsonNode json(CliRun run) throws Exception {
        assertThat(run.out().strip()).as(run.toString()).startsWith("{");
        return new ObjectMapper().readTree(run.out());
    }

    /** The shape in the file name: circle_1.png is a circle. */
    private static String shapeOf(String image) {
        String name = Path.of(image).getFileName().toString();
        return name.substring(0, name.indexOf('_'));
    }

    @Test
    void tableShowsTheTopClassesLabelled() {
        CliRun run = CliRun.of("predict", "--model", model(), "--image", images(), "--labels", labels(), "--top", "2");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("IMAGE").contains("PROBABILITY").contains("LABEL");
        assertThat(run.out().lines().filter(l -> l.contains(".png"))).hasSize(12); // 6 images x top 2
        assertThat(run.out()).containsPattern("(?m)^circle_1\\.png\\s+1\\s+0\\s+circle\\s+0\\.\\d{6}\\s+-?\\d+\\.\\d{4}$");
    }

    @Test
    void topOneIsTheShapeInTheFileNameAndProbabilitiesSumToOne() throws Exception {
        JsonNode result = json(CliRun.of("predict", "--model", model(), "--image", images(), "--labels", labels(),
                "--top", "10", "--json"));
        assertThat(result.path("backend").asText()).isEqualTo("djl");
        assertThat(result.path("classes").asInt()).isEqualTo(4);
        assertThat(result.path("images")).hasSize(6);
        assertThat(result.path("failures")).isEmpty();
        for (JsonNode image : result.path("images")) {
            JsonNode top = image.path("predictions");
            assertThat(top).hasSize(4); // --top above the class count gives every class
            assertThat(top.get(0).path("label").asText()).as(image.toString()).isEqualTo(shapeOf(image.path("image").asText()));
            double sum = 0;
            for (int r = 0; r < top.size(); r++) {
                assertThat(top.get(r).path("rank").asInt()).isEqualTo(r + 1);
                if (r > 0) {
                    assertThat(top.get(r).path("probability").asDouble()).isLessThanOrEqualTo(top.get(r - 1).path("probability").asDouble());
                    assertThat(top.get(r).path("logit").asDouble()).isLessThanOrEqualTo(top.get(r - 1).path("logit").asDouble());
                }
                sum += top.get(r).path("probability").asDouble();
            }
            assertThat(sum).isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void withoutLabelsTheClassIndexOnly() throws Exception {
        CliRun run = CliRun.of("predict", "--model", model(), "--image", images() + "/square_1.png", "--top", "1", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode top = json(run).path("images").get(0).path("predictions").get(0);
        assertThat(top.path("class").asInt()).isEqualTo(1);
        assertThat(top.has("label")).isFalse();
        CliRun table = CliRun.of("predict", "--model", model(), "--image", images() + "/square_1.png", "--top", "1");
        assertThat(table.out()).doesNotContain("LABEL").containsPattern("(?m)^square_1\\.png\\s+1\\s+1\\s+0\\.");
    }

    @Test
    void aBadImageIsReportedAndTheOthersArePrinted() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("images"));
        Files.copy(Fixtures.path("bad-input/corrupt.png"), folder.resolve("a_corrupt.png"));
        try (var files = Files.list(Path.of(images()))) {
            for (Path p : files.toList()) {
                Files.copy(p, folder.resolve(p.getFileName()));
            }
        }
        CliRun run = CliRun.of("predict", "--model", model(), "--image", folder.toString(), "--labels", labels(), "--json");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(run.err()).contains("a_corrupt.png");
        JsonNode result = json(run);
        assertThat(result.path("images")).hasSize(6);
        assertThat(result.path("failures")).hasSize(1);
        assertThat(result.path("failures").get(0).path("image").asText()).endsWith("a_corrupt.png");
        CliRun table = CliRun.of("predict", "--model", model(), "--image", folder.toString(), "--top", "1");
        assertThat(table.exitCode()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(table.out().lines().filter(l -> l.contains(".png"))).hasSize(6);
    }

    @Test
    void inputSizeResizesFirst() {
        CliRun run = CliRun.of("predict", "--model", model(), "--image", images() + "/cross_1.png", "--input-size", "96x96",
                "--labels", labels(), "--top", "1");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("(?m)^cross_1\\.png\\s+1\\s+3\\s+cross\\s");
    }

    @Test
    void onlyBadImagesIsAnInputError() {
        CliRun run = CliRun.of("predict", "--model", model(), "--image", Fixtures.path("bad-input/corrupt.png").toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("corrupt.png");
    }

    @Test
    void usageErrors() {
        assertThat(CliRun.of("predict", "--model", model(), "--image", images(), "--top", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of("predict", "--image", images()).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of("predict", "--model", model(), "--image", images(), "--mean", "0.5,0.5").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of("predict", "--model", model(), "--image", images(), "--input-size", "3x80x80").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        CliRun option = CliRun.of("predict", "--model", model(), "--image", images(), "--model-option", "output=logits");
        assertThat(option.exitCode()).as(option.toString()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void theTensorflowTwinPredictsTheSame() throws Exception {
        JsonNode torch = json(CliRun.of("predict", "--model", model(), "--image", images(), "--top", "4", "--json"));
        CliRun tfRun = CliRun.of("predict", "--model", Fixtures.path("tf/shapes_cnn/graph").toString(), "--image", images(),
                "--top", "4", "--json");
        assertThat(tfRun.exitCode()).as(tfRun.toString()).isZero();
        JsonNode tf = json(tfRun);
        assertThat(tf.path("backend").asText()).isEqualTo("tensorflow");
        for (int i = 0; i < 6; i++) {
            JsonNode a = torch.path("images").get(i);
            JsonNode b = tf.path("images").get(i);
            assertThat(b.path("image").asText()).isEqualTo(a.path("image").asText());
            assertThat(b.path("predictions").get(0).path("class").asInt()).isEqualTo(a.path("predictions").get(0).path("class").asInt());
            Map<Integer, Double> torchP = byClass(a);
            byClass(b).forEach((c, p) -> assertThat(p).as(a.path("image") + " class " + c).isCloseTo(torchP.get(c), within(1e-5)));
        }
    }

    private static Map<Integer, Double> byClass(JsonNode image) {
        Map<Integer, Double> p = new HashMap<>();
        image.path("predictions").forEach(r -> p.put(r.path("class").asInt(), r.path("probability").asDouble()));
        assertThat(p).hasSize(4);
        return p;
    }
}
