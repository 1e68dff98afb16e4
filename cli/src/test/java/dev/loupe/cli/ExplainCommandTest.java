package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.render.Npy;
import dev.loupe.render.image.ImageLoader;
import dev.loupe.render.image.RgbImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code loupe explain} end to end on the committed quickstart model and images. */
class ExplainCommandTest {

    @TempDir
    Path tmp;

    private static Path quickstartConfig() {
        return Fixtures.root().getParent().resolve("config-samples/quickstart.yaml");
    }

    @Test
    void quickstartConfigWritesMapsOverlaysAndProvenance() throws Exception {
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("explain", "--config", quickstartConfig().toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);

        List<Path> images = ImageLoader.listImages(Fixtures.path("quickstart/images"));
        assertThat(images).hasSize(6);
        for (Path image : images) {
            String stem = image.getFileName().toString().replace(".png", "");
            FloatArray saliency = Npy.read(out.resolve(stem).resolve("saliency.npy"));
            FloatArray cam = Npy.read(out.resolve(stem).resolve("grad-cam.npy"));
            assertThat(saliency.shape()).containsExactly(3, 80, 80);
            assertThat(cam.shape()).containsExactly(20, 20);
            RgbImage overlay = new ImageLoader().load(out.resolve(stem).resolve("grad-cam.png"));
            assertThat(overlay.width()).isEqualTo(80);
            assertThat(overlay.height()).isEqualTo(80);
        }

        JsonNode record = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertThat(record.path("model").path("sha256").asText()).isEqualTo(sha256(Fixtures.path("quickstart/shapes_cnn.pt")));
        assertThat(record.path("model").path("classes").asInt()).isEqualTo(4);
        assertThat(record.path("methods").get(1).path("name").asText()).isEqualTo("grad-cam");
        assertThat(record.path("methods").get(1).path("layer").asText()).isEqualTo("features.13");
        assertThat(record.path("methods").get(1).path("parameters").path("relu").asBoolean()).isTrue();
        assertThat(record.path("images")).hasSize(6);
        JsonNode first = record.path("images").get(0).path("results").get(0);
        assertThat(first.path("label").asText()).isIn("circle", "square", "triangle", "cross");
        assertThat(first.path("score").isNumber()).isTrue();
        assertThat(record.path("failures")).isEmpty();
        assertThat(record.path("loupe").asText()).isNotBlank();
        assertThat(record.path("seeds").size()).isZero();
    }

    /**
     * The quickstart model looks at the object: Grad-CAM's peak, upsampled to the image, falls
     * inside the object's mask (made with the images) for every quickstart image.
     */
    @Test
    void quickstartGradCamPeaksInsideTheObject() throws Exception {
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("explain", "--config", quickstartConfig().toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        for (Path image : ImageLoader.listImages(Fixtures.path("quickstart/images"))) {
            String stem = image.getFileName().toString().replace(".png", "");
            FloatArray cam = Npy.read(out.resolve(stem).resolve("grad-cam.npy"));
            FloatArray up = dev.loupe.render.image.Bilinear.resize(cam.reshape(1, 20, 20), 80, 80);
            int peak = 0;
            for (int i = 1; i < up.size(); i++) {
                if (up.data()[i] > up.data()[peak]) {
                    peak = i;
                }
            }
            RgbImage mask = new ImageLoader().load(Fixtures.path("quickstart/masks").resolve(image.getFileName()));
            // dilate by 4 px: the peak of a 4x-upsampled 20x20 map can sit on the object's edge
            assertThat(nearMask(mask, peak / 80, peak % 80, 4)).as(stem + " peak at " + peak / 80 + "," + peak % 80).isTrue();
        }
    }

    private static boolean nearMask(RgbImage mask, int y, int x, int radius) {
        for (int dy = -radius; dy <= radius; dy++) {
            for (int dx = -radius; dx <= radius; dx++) {
                int yy = y + dy;
                int xx = x + dx;
                if (yy >= 0 && xx >= 0 && yy < mask.height() && xx < mask.width() && mask.get(0, yy, xx) > 0.5f) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void flagsRunWithLayerParamAndLabelTarget() throws Exception {
        Path out = tmp.resolve("flags");
        CliRun run = CliRun.of("explain", "--model", Fixtures.path("quickstart/shapes_cnn.pt").toString(),
                "--image", Fixtures.path("quickstart/images").toString(), "--method", "grad-cam",
                "--layer", "features.10", "--param", "relu=false", "--target", "square",
                "--labels", Fixtures.path("quickstart/labels.txt").toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        JsonNode record = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertThat(record.path("methods").get(0).path("layer").asText()).isEqualTo("features.10");
        assertThat(record.path("methods").get(0).path("parameters").path("relu").asBoolean()).isFalse();
        for (JsonNode image : record.path("images")) {
            assertThat(image.path("results").get(0).path("label").asText()).isEqualTo("square");
        }
    }

    @Test
    void sameSeedlessRunTwiceGivesIdenticalMaps() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        for (Path out : List.of(a, b)) {
            CliRun run = CliRun.of("explain", "--config", quickstartConfig().toString(), "--out", out.toString(), "--batch-size", out == a ? "1" : "6");
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
        // batch size 1 vs 6: each image's map does not depend on its batch neighbours
        try (Stream<Path> files = Files.walk(a)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".npy")).toList()) {
                FloatArray x = Npy.read(f);
                FloatArray y = Npy.read(b.resolve(a.relativize(f)));
                assertThat(dev.loupe.core.testing.Close.maxAbsDiff(x, y)).as(f.toString())
                        .isLessThanOrEqualTo(1e-5 * Math.max(1e-12, dev.loupe.core.testing.Close.maxAbs(x)) + 1e-7);
            }
        }
    }

    @Test
    void integratedGradientsWithTooFewStepsWarnsAboutCompleteness() throws Exception {
        Path out = tmp.resolve("ig");
        CliRun run = CliRun.of("explain", "--model", Fixtures.path("quickstart/shapes_cnn.pt").toString(),
                "--image", Fixtures.path("quickstart/images/circle_1.png").toString(), "--method", "integrated-gradients",
                "--param", "steps=1", "--param", "method=riemann-left", "--out", out.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("raise 'steps'");
        JsonNode details = new ObjectMapper().readTree(out.resolve("run.json").toFile())
                .path("images").get(0).path("results").get(0).path("details");
        assertThat(details.path("completeness-delta").isNumber()).isTrue();
        CliRun fine = CliRun.of("explain", "--model", Fixtures.path("quickstart/shapes_cnn.pt").toString(),
                "--image", Fixtures.path("quickstart/images/circle_1.png").toString(), "--method", "integrated-gradients",
                "--out", tmp.resolve("ig50").toString());
        assertThat(fine.err()).doesNotContain("raise 'steps'");
    }

    /** A baseline equal to the image gives x - x' = 0: an all-zero map and a zero completeness gap. */
    @Test
    void integratedGradientsWithAnImageFileBaseline() throws Exception {
        Path image = Fixtures.path("quickstart/images/square_1.png");
        Path out = tmp.resolve("ig-image");
        CliRun run = CliRun.of("explain", "--model", Fixtures.path("quickstart/shapes_cnn.pt").toString(),
                "--image", image.toString(), "--method", "integrated-gradients", "--param", "baseline=image",
                "--param", "baseline-image=" + image, "--param", "steps=4", "--out", out.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        FloatArray map = Npy.read(out.resolve("square_1/integrated-gradients.npy"));
        for (float v : map.data()) {
            assertThat(v).isZero();
        }
        CliRun missing = CliRun.of("explain", "--model", Fixtures.path("quickstart/shapes_cnn.pt").toString(),
                "--image", image.toString(), "--method", "integrated-gradients", "--param", "baseline=image",
                "--param", "baseline-image=" + tmp.resolve("nope.png"), "--out", tmp.resolve("ig-missing").toString());
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(ExitCodes.INPUT);
        assertThat(missing.err()).contains("nope.png");
        CliRun noFile = CliRun.of("explain", "--model", Fixtures.path("quickstart/shapes_cnn.pt").toString(),
                "--image", image.toString(), "--method", "integrated-gradients", "--param", "baseline=image",
                "--out", tmp.resolve("ig-nofile").toString());
        assertThat(noFile.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noFile.err()).contains("needs 'baseline-image'");
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

}
