package dev.loupe.render.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PictureFormatTest {

    @TempDir
    Path dir;

    @Test
    void jpegIsAJpegFileCloseToTheImage() throws IOException {
        BufferedImage image = smooth(64, 48, BufferedImage.TYPE_INT_RGB);
        PictureFormat jpeg = PictureFormat.jpeg(95);
        Path file = dir.resolve(jpeg.fileName("grad-cam"));
        jpeg.write(file, image);
        assertThat(file.getFileName().toString()).isEqualTo("grad-cam.jpg");
        assertThat(formatOf(file)).isEqualTo("jpeg");
        BufferedImage back = ImageIO.read(file.toFile());
        // a smooth picture at quality 95 comes back within a few steps per channel
        assertThat(meanAbsoluteError(image, back)).isLessThan(2.0);
    }

    @Test
    void lowerQualityGivesASmallerFile() throws IOException {
        BufferedImage image = smooth(128, 128, BufferedImage.TYPE_INT_RGB);
        Path high = dir.resolve("high.jpg");
        Path low = dir.resolve("low.jpg");
        PictureFormat.jpeg(95).write(high, image);
        PictureFormat.jpeg(20).write(low, image);
        assertThat(Files.size(low)).isLessThan(Files.size(high));
        assertThat(meanAbsoluteError(image, ImageIO.read(low.toFile())))
                .isGreaterThan(meanAbsoluteError(image, ImageIO.read(high.toFile())));
    }

    @Test
    void alphaIsDroppedForJpeg() throws IOException {
        BufferedImage argb = smooth(16, 16, BufferedImage.TYPE_INT_ARGB);
        Path file = dir.resolve("a.jpg");
        PictureFormat.jpeg(90).write(file, argb);
        assertThat(formatOf(file)).isEqualTo("jpeg");
        assertThat(ImageIO.read(file.toFile()).getColorModel().hasAlpha()).isFalse();
    }

    @Test
    void pngStaysLossless() throws IOException {
        BufferedImage image = smooth(20, 10, BufferedImage.TYPE_INT_RGB);
        PictureFormat png = PictureFormat.png();
        Path file = dir.resolve(png.fileName("saliency.heatmap"));
        png.write(file, image);
        assertThat(file.getFileName().toString()).isEqualTo("saliency.heatmap.png");
        assertThat(meanAbsoluteError(image, ImageIO.read(file.toFile()))).isZero();
    }

    @Test
    void aFailedJpegWriteLeavesNoFile() throws IOException {
        Path file = dir.resolve("x.jpg");
        assertThatThrownBy(() -> AtomicFiles.writeJpeg(file, null, 0.9f)).isInstanceOf(NullPointerException.class);
        assertThat(names()).isEmpty();
    }

    @Test
    void qualityOutsideItsRangeIsRefused() {
        assertThatThrownBy(() -> PictureFormat.jpeg(0)).hasMessageContaining("[1, 100]");
        assertThatThrownBy(() -> PictureFormat.jpeg(101)).hasMessageContaining("[1, 100]");
        assertThat(PictureFormat.jpeg(75).describe()).containsEntry("format", "jpeg").containsEntry("jpeg_quality", 75);
        assertThat(PictureFormat.png().describe()).containsOnlyKeys("format");
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static String formatOf(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            return reader.getFormatName().toLowerCase();
        }
    }

    private static BufferedImage smooth(int w, int h, int type) {
        BufferedImage image = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 255 * x / (w - 1);
                int g = 255 * y / (h - 1);
                int b = 128;
                image.setRGB(x, y, 0xFF000000 | r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    private static double meanAbsoluteError(BufferedImage a, BufferedImage b) {
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
