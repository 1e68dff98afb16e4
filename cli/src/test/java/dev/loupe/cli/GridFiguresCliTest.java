package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.render.figure.MethodGridLayout;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code output.grid} and {@code output.format}: the comparison figure and JPEG pictures, through the CLI. */
class GridFiguresCliTest {

    @TempDir
    Path tmp;

    @Test
    void gridTrueWritesOneFigureWhoseCellsAreTheOverlays() throws Exception {
        Path out = tmp.resolve("out");
        CliRun run = run(Fixtures.path("quickstart/images"), out, "[saliency, grad-cam]", "  grid: true\n");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);

        BufferedImage figure = ImageIO.read(out.resolve("grid.png").toFile());
        // six 80x80 images in rows; input, saliency, grad-cam in columns
        MethodGridLayout layout = MethodGridLayout.of(6, 3, 80, 80);
        assertThat(figure.getWidth()).isEqualTo(layout.width());
        assertThat(figure.getHeight()).isEqualTo(layout.height());
        // row 0 is circle_1.png (sorted by name); its grad-cam cell is the overlay file, pixel for pixel
        assertCellIs(figure, layout, 0, 2, out.resolve("circle_1/grad-cam.png"));
        assertCellIs(figure, layout, 5, 1, out.resolve("triangle_2/saliency.png"));
        assertCellIs(figure, layout, 3, 0, Fixtures.path("quickstart/images/square_1.png"));

        JsonNode grid = new ObjectMapper().readTree(out.resolve("run.json").toFile()).path("grid_figures");
        assertThat(grid.path("files").get(0).asText()).isEqualTo("grid.png");
        assertThat(grid.path("files")).hasSize(1);
        assertThat(grid.path("columns").toString()).isEqualTo("[\"input\",\"saliency\",\"grad-cam\"]");
    }

    @Test
    void withoutGridNoFigureIsWritten() throws Exception {
        Path out = tmp.resolve("out");
        CliRun run = run(Fixtures.path("quickstart/images/circle_1.png"), out, "[saliency]", "");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.resolve("grid.png")).doesNotExist();
        assertThat(new ObjectMapper().readTree(out.resolve("run.json").toFile()).has("grid_figures")).isFalse();
    }

    @Test
    void manyImagesArePagedAndAFailedImageKeepsAGrayRow() throws Exception {
        Path images = tmp.resolve("images");
        Files.createDirectories(images);
        for (int i = 1; i <= 11; i++) {
            Files.copy(Fixtures.path("quickstart/images/cross_1.png"), images.resolve(String.format("a%02d.png", i)));
        }
        Files.writeString(images.resolve("b-broken.png"), "not a picture");
        Path out = tmp.resolve("out");
        CliRun run = run(images, out, "[saliency]", "  grid: true\n");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.PARTIAL);

        assertThat(out.resolve("grid.png")).doesNotExist();
        BufferedImage first = ImageIO.read(out.resolve("grid-1.png").toFile());
        BufferedImage second = ImageIO.read(out.resolve("grid-2.png").toFile());
        assertThat(first.getHeight()).isEqualTo(MethodGridLayout.of(10, 2, 80, 80).height());
        MethodGridLayout two = MethodGridLayout.of(2, 2, 80, 80);
        assertThat(second.getHeight()).isEqualTo(two.height());
        assertCellIs(second, two, 0, 1, out.resolve("a11/saliency.png"));
        // b-broken.png could not be read: its row is there, gray
        for (int column = 0; column < 2; column++) {
            Rectangle area = two.picture(1, column);
            assertThat(second.getRGB(area.x + 2, area.y + area.height / 2) & 0xFFFFFF).isEqualTo(0xDDDDDD);
        }
        JsonNode grid = new ObjectMapper().readTree(out.resolve("run.json").toFile()).path("grid_figures");
        assertThat(grid.path("files").toString()).isEqualTo("[\"grid-1.png\",\"grid-2.png\"]");
    }

    @Test
    void layerListsGiveAColumnPerLayer() throws Exception {
        Path out = tmp.resolve("out");
        CliRun run = run(Fixtures.path("quickstart/images/circle_1.png"), out,
                "\n  - name: grad-cam\n    params:\n      layer: [features.11, features.13]", "  grid: true\n");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        JsonNode grid = new ObjectMapper().readTree(out.resolve("run.json").toFile()).path("grid_figures");
        assertThat(grid.path("columns").toString())
                .isEqualTo("[\"input\",\"grad-cam@features.11\",\"grad-cam@features.13\"]");
        MethodGridLayout layout = MethodGridLayout.of(1, 3, 80, 80);
        BufferedImage figure = ImageIO.read(out.resolve("grid.png").toFile());
        assertCellIs(figure, layout, 0, 2, out.resolve("circle_1/grad-cam@features.13.png"));
    }

    @Test
    void jpegFormatWritesJpgPicturesAndRecordsThem() throws Exception {
        Path out = tmp.resolve("out");
        CliRun run = run(Fixtures.path("quickstart/images/circle_1.png"), out, "[saliency]",
                "  format: jpeg\n  jpeg-quality: 80\n  kinds: [overlay, heatmap]\n");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        Path jpg = out.resolve("circle_1/saliency.jpg");
        assertThat(jpg).isNotEmptyFile();
        assertThat(out.resolve("circle_1/saliency.heatmap.jpg")).isNotEmptyFile();
        assertThat(out.resolve("circle_1/saliency.png")).doesNotExist();
        assertThat(out.resolve("circle_1/saliency.npy")).isNotEmptyFile();
        byte[] head = Files.readAllBytes(jpg);
        assertThat(head[0] & 0xFF).isEqualTo(0xFF);
        assertThat(head[1] & 0xFF).isEqualTo(0xD8);

        JsonNode json = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        JsonNode result = json.path("images").get(0).path("results").get(0);
        assertThat(result.path("png").asText()).isEqualTo(Path.of("circle_1", "saliency.jpg").toString());
        assertThat(result.path("pictures").path("heatmap").asText())
                .isEqualTo(Path.of("circle_1", "saliency.heatmap.jpg").toString());
        assertThat(json.path("render").path("pipeline").path("format").asText()).isEqualTo("jpeg");
        assertThat(json.path("render").path("pipeline").path("jpeg_quality").asInt()).isEqualTo(80);
    }

    @Test
    void jpegFormatAppliesToLayerListsAndGroups() throws Exception {
        Path out = tmp.resolve("out");
        CliRun run = run(Fixtures.path("quickstart/images/circle_1.png"), out,
                "\n  - name: grad-cam\n    params:\n      layer: [features.11, features.13]"
                        + "\n  - name: layer-cam\n    params:\n      layer: all-conv", "  format: jpeg\n");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        Path dir = out.resolve("circle_1");
        assertThat(dir.resolve("grad-cam@features.13.jpg")).isNotEmptyFile();
        assertThat(dir.resolve("grad-cam@combined.jpg")).isNotEmptyFile();
        assertThat(dir.resolve("grad-cam@combined.npy")).isNotEmptyFile();
        assertThat(dir.resolve("layer-cam@grid.jpg")).isNotEmptyFile();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".png"));
        }
        assertThat(Files.readString(out.resolve("run.json"))).contains("grad-cam@combined.jpg", "layer-cam@grid.jpg")
                .doesNotContainPattern("\"circle_1/[^\"]*\\.png\"");
    }

    @Test
    void badFormatAndQualityAreBinderErrors() throws Exception {
        CliRun run = run(Fixtures.path("quickstart/images/circle_1.png"), tmp.resolve("out"), "[saliency]",
                "  format: jpg\n  jpeg-quality: 0\n");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("output.format").contains("jpeg").contains("output.jpeg-quality");
        assertThat(run.err()).containsPattern("\\.yaml:\\d+:\\d+");
    }

    private static void assertCellIs(BufferedImage figure, MethodGridLayout layout, int row, int column, Path file)
            throws Exception {
        BufferedImage picture = ImageIO.read(file.toFile());
        Rectangle area = layout.picture(row, column);
        int x0 = area.x + (area.width - picture.getWidth()) / 2;
        int y0 = area.y + (area.height - picture.getHeight()) / 2;
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                if ((figure.getRGB(x0 + x, y0 + y) & 0xFFFFFF) != (picture.getRGB(x, y) & 0xFFFFFF)) {
                    throw new AssertionError("cell (" + row + ", " + column + ") differs from " + file + " at (" + x
                            + ", " + y + ")");
                }
            }
        }
    }

    private CliRun run(Path images, Path out, String methods, String outputLines) throws Exception {
        String yaml = "model:\n  path: " + Fixtures.path("quickstart/shapes_cnn.pt") + "\n"
                + "  labels: " + Fixtures.path("quickstart/labels.txt") + "\n"
                + "images:\n  - " + images + "\n"
                + "methods: " + (methods.startsWith("[") ? methods.replace("[", "[{name: ").replace(", ", "}, {name: ")
                        .replace("]", "}]") : methods) + "\n"
                + "output:\n  dir: " + out + "\n" + outputLines;
        Path config = tmp.resolve("run.yaml");
        Files.writeString(config, yaml);
        return CliRun.of("explain", "--config", config.toString());
    }
}
