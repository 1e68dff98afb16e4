package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.render.Npy;
import dev.loupe.render.heatmap.ChannelReduction;
import dev.loupe.render.heatmap.LayerCombination;
import dev.loupe.render.image.ImageLoader;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --layer a,b} and {@code layer: [a, b]}: a map per layer, equal to single-layer runs, and their combination. */
class LayerListTest {

    private static final List<String> LAYERS = List.of("features.13", "features.11");

    @TempDir
    Path tmp;

    static CliRun explain(Path out, String method, String... layerArgs) {
        List<String> args = new java.util.ArrayList<>(List.of("explain", "--model",
                Fixtures.path("quickstart/shapes_cnn.pt").toString(), "--image", Fixtures.path("quickstart/images").toString(),
                "--method", method, "--out", out.toString()));
        args.addAll(List.of(layerArgs));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        return run;
    }

    static List<String> stems() throws Exception {
        return ImageLoader.listImages(Fixtures.path("quickstart/images")).stream()
                .map(p -> p.getFileName().toString().replace(".png", "")).toList();
    }

    static int[] pixels(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    @Test
    void eachLayerIsWhatASingleLayerRunWritesAndTheCombinationIsTheirAverage() throws Exception {
        Path out = tmp.resolve("list");
        explain(out, "grad-cam", "--layer", String.join(",", LAYERS));
        for (String layer : LAYERS) {
            explain(tmp.resolve(layer), "grad-cam", "--layer", layer);
        }
        for (String stem : stems()) {
            Path dir = out.resolve(stem);
            for (String layer : LAYERS) {
                Path single = tmp.resolve(layer).resolve(stem);
                assertThat(Npy.read(dir.resolve("grad-cam@" + layer + ".npy")).data())
                        .containsExactly(Npy.read(single.resolve("grad-cam.npy")).data());
                assertThat(pixels(dir.resolve("grad-cam@" + layer + ".png"))).containsExactly(pixels(single.resolve("grad-cam.png")));
            }
            FloatArray combined = Npy.read(dir.resolve("grad-cam@combined.npy"));
            FloatArray expected = LayerCombination.combine(List.of(
                    Npy.read(dir.resolve("grad-cam@features.13.npy")), Npy.read(dir.resolve("grad-cam@features.11.npy"))), 80, 80);
            assertThat(combined.shape()).containsExactly(80, 80);
            assertThat(combined.data()).containsExactly(expected.data());
            assertThat(ImageIO.read(dir.resolve("grad-cam@combined.png").toFile()).getWidth()).isEqualTo(80);
            assertThat(dir.resolve("grad-cam.npy")).doesNotExist();
        }

        JsonNode record = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        JsonNode method = record.path("methods").get(0);
        assertThat(method.path("layers").toString()).isEqualTo("[\"features.13\",\"features.11\"]");
        assertThat(method.path("parameters").path("layer").toString()).isEqualTo("[\"features.13\",\"features.11\"]");
        assertThat(method.path("combination").path("steps").asText()).contains("mean over layers");
        assertThat(method.path("combination").path("epsilon").asDouble()).isEqualTo(1e-7);
        JsonNode results = record.path("images").get(0).path("results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).path("layer").asText()).isEqualTo("features.13");
        assertThat(results.get(1).path("npy").asText()).endsWith("grad-cam@features.11.npy");
        assertThat(results.get(2).path("combined_from").toString()).isEqualTo("[\"features.13\",\"features.11\"]");
        assertThat(results.get(2).path("npy").asText()).endsWith("grad-cam@combined.npy");
        assertThat(results.get(2).path("map_shape").toString()).isEqualTo("[80,80]");
    }

    @Test
    void theYamlListAndTheRepeatedFlagMeanTheSameAsTheCommaList() throws Exception {
        Path config = tmp.resolve("run.yaml");
        Files.writeString(config, "model: {path: " + Fixtures.path("quickstart/shapes_cnn.pt") + "}\n"
                + "images: [" + Fixtures.path("quickstart/images") + "]\n"
                + "methods:\n  - name: grad-cam\n    params:\n      layer: [features.13, features.11]\n"
                + "output: {dir: " + tmp.resolve("yaml") + "}\n");
        CliRun yaml = CliRun.of("explain", "--config", config.toString());
        assertThat(yaml.exitCode()).as(yaml.toString()).isEqualTo(ExitCodes.OK);
        explain(tmp.resolve("flags"), "grad-cam", "--layer", "features.13", "--layer", "features.11");
        explain(tmp.resolve("comma"), "grad-cam", "--layer", "features.13,features.11");
        for (String stem : stems()) {
            float[] comma = Npy.read(tmp.resolve("comma").resolve(stem).resolve("grad-cam@combined.npy")).data();
            assertThat(Npy.read(tmp.resolve("yaml").resolve(stem).resolve("grad-cam@combined.npy")).data()).containsExactly(comma);
            assertThat(Npy.read(tmp.resolve("flags").resolve(stem).resolve("grad-cam@combined.npy")).data()).containsExactly(comma);
        }
    }

    @Test
    void inputResolutionMapsAreReducedOverChannelsBeforeTheyAreCombined() throws Exception {
        Path out = tmp.resolve("guided");
        explain(out, "guided-grad-cam", "--layer", "features.13,features.11");
        Path dir = out.resolve(stems().get(0));
        FloatArray a = Npy.read(dir.resolve("guided-grad-cam@features.13.npy"));
        FloatArray b = Npy.read(dir.resolve("guided-grad-cam@features.11.npy"));
        assertThat(a.shape()).containsExactly(3, 80, 80);
        FloatArray expected = LayerCombination.combine(
                List.of(ChannelReduction.ABS_MAX.apply(a), ChannelReduction.ABS_MAX.apply(b)), 80, 80);
        assertThat(Npy.read(dir.resolve("guided-grad-cam@combined.npy")).data()).containsExactly(expected.data());
    }
}
