package dev.loupe.cli;

import static dev.loupe.cli.LayerListTest.explain;
import static dev.loupe.cli.LayerListTest.stems;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.render.Npy;
import dev.loupe.render.figure.GridLayout;
import dev.loupe.render.image.ImageLoader;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --layer all-conv} / {@code all-blocks}: one figure per image whose panels are the single-layer heatmaps. */
class LayerGridTest {

    /** The quickstart CNN's Conv2d layers, in the order they run (fixtures/README.md). */
    private static final List<String> CONVS = List.of("features.0", "features.4", "features.8", "features.11");

    @TempDir
    Path tmp;

    @Test
    void allConvPanelsAreTheImageThenEachSingleLayerHeatmap() throws Exception {
        Path out = tmp.resolve("grid");
        explain(out, "grad-cam", "--layer", "all-conv");
        for (String layer : CONVS) {
            explain(tmp.resolve(layer), "grad-cam", "--layer", layer);
        }
        List<Path> images = ImageLoader.listImages(Fixtures.path("quickstart/images"));
        for (int i = 0; i < images.size(); i++) {
            String stem = stems().get(i);
            BufferedImage figure = ImageIO.read(out.resolve(stem).resolve("grad-cam@grid.png").toFile());
            GridLayout layout = GridLayout.of(1 + CONVS.size(), 80, 80);
            assertThat(layout.columns()).isEqualTo(3);
            assertThat(figure.getWidth()).isEqualTo(layout.width());
            assertThat(figure.getHeight()).isEqualTo(layout.height());
            List<BufferedImage> expected = new ArrayList<>();
            expected.add(new ImageLoader().load(images.get(i)).toBufferedImage());
            for (String layer : CONVS) {
                expected.add(ImageIO.read(tmp.resolve(layer).resolve(stem).resolve("grad-cam.png").toFile()));
                assertThat(Npy.read(out.resolve(stem).resolve("grad-cam@" + layer + ".npy")).data())
                        .containsExactly(Npy.read(tmp.resolve(layer).resolve(stem).resolve("grad-cam.npy")).data());
            }
            for (int p = 0; p < expected.size(); p++) {
                assertPanel(figure, layout.panel(p), expected.get(p), stem + " panel " + p);
            }
            assertThat(out.resolve(stem).resolve("grad-cam@features.0.png")).as("a grid writes no per-layer png").doesNotExist();
        }
        JsonNode record = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        JsonNode method = record.path("methods").get(0);
        assertThat(method.path("layers").toString()).isEqualTo("[\"features.0\",\"features.4\",\"features.8\",\"features.11\"]");
        assertThat(method.path("layer_group").path("name").asText()).isEqualTo("all-conv");
        assertThat(method.path("parameters").path("layer").asText()).isEqualTo("all-conv");
        JsonNode results = record.path("images").get(0).path("results");
        assertThat(results).hasSize(CONVS.size() + 1);
        JsonNode grid = results.get(CONVS.size());
        assertThat(grid.path("grid").asText()).endsWith("grad-cam@grid.png");
        assertThat(grid.path("panels").toString()).isEqualTo("[\"input\",\"features.0\",\"features.4\",\"features.8\",\"features.11\"]");
        assertThat(results.get(0).path("png").isNull()).isTrue();
    }

    @Test
    void allBlocksOnAResnetShowsTheStemAndEachResidualBlock() throws Exception {
        Path out = tmp.resolve("blocks");
        CliRun run = CliRun.of("explain", "--model", Fixtures.path("models/resnet18_traced.pt").toString(),
                "--image", Fixtures.path("reference/resnet18/images/pattern_1.png").toString(),
                "--method", "grad-cam", "--layer", "all-blocks", "--out", out.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        JsonNode method = new ObjectMapper().readTree(out.resolve("run.json").toFile()).path("methods").get(0);
        assertThat(method.path("layers").toString()).isEqualTo("[\"conv1\",\"relu\",\"layer1.0\",\"layer1.1\",\"layer2.0\","
                + "\"layer2.1\",\"layer3.0\",\"layer3.1\",\"layer4.0\",\"layer4.1\"]");
        BufferedImage figure = ImageIO.read(out.resolve("pattern_1/grad-cam@grid.png").toFile());
        GridLayout layout = GridLayout.of(11, 224, 224);
        assertThat(layout.columns()).isEqualTo(4);
        assertThat(figure.getWidth()).isEqualTo(layout.width());
        assertThat(figure.getHeight()).isEqualTo(layout.height());
    }

    private static void assertPanel(BufferedImage figure, Point at, BufferedImage expected, String what) {
        int w = expected.getWidth();
        int h = expected.getHeight();
        int[] want = expected.getRGB(0, 0, w, h, null, 0, w);
        int[] got = figure.getRGB(at.x, at.y, w, h, null, 0, w);
        assertThat(got).as(what).containsExactly(want);
    }
}
