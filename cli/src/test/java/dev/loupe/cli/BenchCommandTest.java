package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code loupe bench} end to end on the quickstart model, kept to seconds; nothing here checks a timing. */
class BenchCommandTest {

    @TempDir
    Path tmp;

    private static String fixture(String relative) {
        return Fixtures.path(relative).toString();
    }

    /** A run on the quickstart model, 1 round after 1 warm-up, one pass per round; {@code extra} options replace these. */
    private CliRun quick(String... extra) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--model", fixture("quickstart/shapes_cnn.pt"));
        options.put("--images", fixture("quickstart/images"));
        options.put("--rounds", "1");
        options.put("--warmup", "1");
        options.put("--min-round-seconds", "0");
        options.put("--out", tmp.toString());
        List<String> args = new ArrayList<>(List.of("bench"));
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < extra.length; i++) {
            boolean pair = i + 1 < extra.length && !extra[i + 1].startsWith("--");
            if (pair && options.containsKey(extra[i])) {
                options.put(extra[i], extra[++i]);
            } else {
                rest.add(extra[i]);
                if (pair) {
                    rest.add(extra[++i]);
                }
            }
        }
        options.forEach((k, v) -> args.addAll(List.of(k, v)));
        args.addAll(rest);
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void everyMethodIsTimedAndTheMemoryRunSampled() throws IOException {
        CliRun run = quick("--memory", "20", "--param", "steps=4", "--param", "samples=4");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        JsonNode root = new ObjectMapper().readTree(tmp.resolve("bench.json").toFile());
        List<String> registered = ExplainerRegistry.load().all().stream().map(p -> p.name()).toList();
        assertThat(root.get("methods")).hasSize(registered.size());
        for (JsonNode m : root.get("methods")) {
            assertThat(m.get("status").asText()).as(m.toString()).isEqualTo("timed");
            assertThat(m.get("floor_seconds_per_image").asDouble()).isPositive();
            assertThat(m.get("rounds")).hasSize(1);
            assertThat(run.out()).contains(m.get("name").asText());
        }
        JsonNode saliency = method(root, "saliency");
        assertThat(saliency.get("calls_per_image").get("gradient_passes").asDouble()).isEqualTo(1.0);
        JsonNode ig = method(root, "integrated-gradients");
        assertThat(ig.get("parameters").get("steps").asInt()).isEqualTo(4);
        assertThat(root.get("model").get("classes").asInt()).isEqualTo(4);
        assertThat(root.get("settings").get("image_shape").toString()).isEqualTo("[3,80,80]");
        assertThat(root.get("bare_engine").get("forward_backward_seconds_per_image").asDouble()).isPositive();

        JsonNode memory = root.get("memory");
        assertThat(memory.get("method").asText()).isEqualTo("grad-cam");
        assertThat(memory.get("explanations").asInt()).isEqualTo(20);
        assertThat(memory.get("samples")).hasSize(21);
        assertThat(memory.get("samples").get(0).get("rss_kib").asLong()).isPositive();
        assertThat(run.out()).contains("overhead").contains("memory: 20 explanations of grad-cam");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("bench.json");
        }
    }

    private static JsonNode method(JsonNode root, String name) {
        for (JsonNode m : root.get("methods")) {
            if (m.get("name").asText().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no method " + name + " in " + root.get("methods"));
    }

    @Test
    void aMethodThatCannotRunIsPrintedAsSkippedAndAnExplicitOneMakesExitCode4() throws IOException {
        CliRun run = quick("--method", "saliency,grad-cam", "--layer", "no.such.layer", "--memory", "0", "--no-bare");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(run.out()).contains("skipped grad-cam:").contains("no.such.layer");
        JsonNode root = new ObjectMapper().readTree(tmp.resolve("bench.json").toFile());
        assertThat(method(root, "grad-cam").get("status").asText()).isEqualTo("skipped");
        assertThat(method(root, "saliency").get("status").asText()).isEqualTo("timed");
        assertThat(root.get("memory").isNull()).isTrue();
        assertThat(root.get("bare_engine").isNull()).isTrue();
    }

    @Test
    void aConfigFileGivesModelImagesPreprocessingAndMethods() throws IOException {
        Path config = Path.of(fixture("quickstart")).resolveSibling("../config-samples/quickstart.yaml").normalize();
        CliRun run = CliRun.of("bench", "--config", config.toString(), "--rounds", "1", "--warmup", "0",
                "--min-round-seconds", "0", "--memory", "3", "--memory-method", "saliency", "--no-bare",
                "--out", tmp.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        JsonNode root = new ObjectMapper().readTree(tmp.resolve("bench.json").toFile());
        assertThat(root.get("methods")).extracting(m -> m.get("name").asText()).containsExactly("saliency", "grad-cam");
        assertThat(method(root, "grad-cam").get("parameters").get("layer").asText()).isEqualTo("features.13");
        assertThat(root.get("config").asText()).endsWith("quickstart.yaml");
        assertThat(root.get("memory").get("method").asText()).isEqualTo("saliency");
    }

    @Test
    void badUsageIsExitCode2WithAMessage() {
        CliRun none = CliRun.of("bench");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("Missing --model, --images, --out");

        assertThat(quick("--rounds", "-1").err()).contains("--rounds and --warmup must be 0 or more");
        assertThat(quick("--rounds", "0", "--memory", "0").err()).contains("nothing to measure");
        assertThat(quick("--memory-every", "0").err()).contains("--memory-every must be at least 1");
        assertThat(quick("--batch-size", "0").exitCode()).isEqualTo(ExitCodes.USAGE);

        CliRun unknown = quick("--method", "salincy");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("Unknown method 'salincy'").contains("Did you mean 'saliency'");

        CliRun param = quick("--method", "saliency", "--param", "steps=4");
        assertThat(param.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(param.err()).contains("steps");

        CliRun both = CliRun.of("bench", "--config", "x.yaml", "--model", "m.pt");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("--config cannot be combined with --model");

        assertThat(CliRun.of("bench", "--no-such-flag").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(tmp.resolve("bench.json")).doesNotExist();
    }

    @Test
    void aMissingModelOrImageFolderIsExitCode3() {
        CliRun model = CliRun.of("bench", "--model", tmp.resolve("nope.pt").toString(), "--images",
                fixture("quickstart/images"), "--out", tmp.toString());
        assertThat(model.exitCode()).as(model.toString()).isEqualTo(ExitCodes.INPUT);
        assertThat(model.err()).contains("does not exist");

        CliRun images = CliRun.of("bench", "--model", fixture("quickstart/shapes_cnn.pt"), "--images",
                tmp.resolve("none").toString(), "--out", tmp.toString());
        assertThat(images.exitCode()).as(images.toString()).isEqualTo(ExitCodes.INPUT);
        assertThat(tmp.resolve("bench.json")).doesNotExist();
    }

    @Test
    void helpListsTheCommand() {
        assertThat(CliRun.of("--help").out()).contains("bench");
        CliRun help = CliRun.of("bench", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--memory").contains("--rounds").contains("floor");
    }
}
