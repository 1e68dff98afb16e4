package dev.loupe.render.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EXIF orientation against PIL: {@code fixtures/make_exif_fixtures.py} saves one asymmetric
 * pattern with each orientation and, beside each file, what {@code ImageOps.exif_transpose}
 * makes of it.
 */
class ExifOrientationTest {

    /** JDK's libjpeg and PIL's libjpeg-turbo may round a JPEG's pixels differently by a step or two. */
    private static final float JPEG_TOLERANCE = 3f / 255;

    @TempDir
    Path dir;

    private final ImageLoader loader = new ImageLoader();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void pngEXifChunkIsAppliedAsPilDoes(int orientation) throws Exception {
        Path file = fixture("orientation-" + orientation + ".png");
        RgbImage loaded = loader.load(file);
        assertMatches(loaded, upright(file), 0f);
        assertWarning(loaded, orientation);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void jpegApp1IsAppliedAsPilDoes(int orientation) throws Exception {
        Path file = fixture("orientation-" + orientation + ".jpg");
        RgbImage loaded = loader.load(file);
        assertMatches(loaded, upright(file), JPEG_TOLERANCE);
        assertWarning(loaded, orientation);
    }

    @Test
    void littleEndianTiffIsReadToo() throws Exception {
        // PIL writes big-endian (MM); cameras often write II
        BufferedImage pattern = pattern(5, 3);
        Path file = dir.resolve("ii.png");
        Files.write(file, withExif(TestImages.encode(pattern, "png"), tiff(ByteOrder.LITTLE_ENDIAN, 3, 8)));
        RgbImage loaded = loader.load(file);
        // 8: 90 degrees counter-clockwise, so the top-right pixel comes to the top-left
        assertThat(loaded.width()).isEqualTo(3);
        assertThat(loaded.height()).isEqualTo(5);
        assertThat(rgb(loaded, 0, 0)).isEqualTo(pattern.getRGB(4, 0) & 0xFFFFFF);
        assertThat(rgb(loaded, 2, 4)).isEqualTo(pattern.getRGB(0, 2) & 0xFFFFFF);
    }

    @Test
    void longTypedOrientationIsAccepted() throws Exception {
        Path file = dir.resolve("long.png");
        Files.write(file, withExif(TestImages.encode(pattern(4, 2), "png"), tiff(ByteOrder.BIG_ENDIAN, 4, 3)));
        assertThat(loader.load(file).warnings()).anyMatch(w -> w.contains("EXIF orientation 3 applied"));
    }

    @Test
    void orientationOutOfRangeIsIgnoredWithAWarning() throws Exception {
        BufferedImage pattern = pattern(4, 2);
        Path file = dir.resolve("nine.png");
        Files.write(file, withExif(TestImages.encode(pattern, "png"), tiff(ByteOrder.BIG_ENDIAN, 3, 9)));
        RgbImage loaded = loader.load(file);
        assertThat(loaded.width()).isEqualTo(4);
        assertThat(rgb(loaded, 0, 0)).isEqualTo(pattern.getRGB(0, 0) & 0xFFFFFF);
        assertThat(loaded.warnings()).containsExactly("EXIF metadata ignored: the EXIF orientation is 9, not one of 1-8");
    }

    @Test
    void garbageExifIsIgnoredWithAWarning() throws Exception {
        Path file = dir.resolve("garbage.png");
        Files.write(file, withExif(TestImages.encode(pattern(4, 2), "png"), "not a tiff".getBytes(StandardCharsets.US_ASCII)));
        assertThat(loader.load(file).warnings()).singleElement().asString()
                .startsWith("EXIF metadata ignored:").contains("byte order");
    }

    @Test
    void directoryCutShortIsIgnoredWithAWarning() throws Exception {
        byte[] tiff = tiff(ByteOrder.BIG_ENDIAN, 3, 6);
        // claims 40 entries, the block holds one, and that one is not the orientation
        ByteBuffer.wrap(tiff).putShort(8, (short) 40).putShort(10, (short) 0x0100);
        Path file = dir.resolve("short.png");
        Files.write(file, withExif(TestImages.encode(pattern(4, 2), "png"), tiff));
        RgbImage loaded = loader.load(file);
        assertThat(loaded.width()).isEqualTo(4);
        assertThat(loaded.warnings()).singleElement().asString().contains("claims 40 entries");
    }

    @Test
    void truncatedJpegExifSegmentIsIgnoredWithAWarning() throws Exception {
        byte[] jpeg = TestImages.encode(pattern(8, 8), "jpeg");
        byte[] exif = new byte[] {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42};
        Path file = dir.resolve("cut.jpg");
        Files.write(file, insertApp1(jpeg, exif));
        RgbImage loaded = loader.load(file);
        assertThat(loaded.width()).isEqualTo(8);
        assertThat(loaded.warnings()).singleElement().asString().contains("too short for a TIFF header");
    }

    @Test
    void filesWithoutExifGetNoWarning() throws Exception {
        Path png = TestImages.write(pattern(4, 2), "png", dir.resolve("plain.png"));
        Path jpg = TestImages.write(pattern(4, 2), "jpeg", dir.resolve("plain.jpg"));
        assertThat(loader.load(png).warnings()).isEmpty();
        assertThat(loader.load(jpg).warnings()).isEmpty();
    }

    @Test
    void describeNamesEveryOrientation() {
        for (int o = 1; o <= 8; o++) {
            assertThat(ExifOrientation.describe(o)).isNotBlank();
        }
    }

    // ---- helpers ----

    private static void assertWarning(RgbImage loaded, int orientation) {
        if (orientation == 1) {
            assertThat(loaded.warnings()).isEmpty();
        } else {
            assertThat(loaded.warnings()).containsExactly("EXIF orientation " + orientation + " applied ("
                    + ExifOrientation.describe(orientation) + "), as viewers show it");
        }
    }

    private static void assertMatches(RgbImage loaded, BufferedImage expected, float tolerance) {
        assertThat(loaded.width()).isEqualTo(expected.getWidth());
        assertThat(loaded.height()).isEqualTo(expected.getHeight());
        float worst = 0;
        for (int y = 0; y < loaded.height(); y++) {
            for (int x = 0; x < loaded.width(); x++) {
                int rgb = expected.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    float want = (rgb >> (16 - 8 * c) & 0xFF) / 255f;
                    worst = Math.max(worst, Math.abs(loaded.get(c, y, x) - want));
                }
            }
        }
        assertThat(worst).isLessThanOrEqualTo(tolerance);
    }

    private static BufferedImage upright(Path file) throws IOException {
        return ImageIO.read(file.resolveSibling(file.getFileName() + ".upright.png").toFile());
    }

    private static int rgb(RgbImage image, int x, int y) {
        int r = Math.round(image.get(0, y, x) * 255);
        int g = Math.round(image.get(1, y, x) * 255);
        int b = Math.round(image.get(2, y, x) * 255);
        return r << 16 | g << 8 | b;
    }

    /** Every pixel a different colour. */
    private static BufferedImage pattern(int w, int h) {
        return TestImages.rgb8(w, h, (band, x, y) -> band == 0 ? 20 * x : band == 1 ? 40 * y : 7 * (x + y) + 3);
    }

    /** A TIFF block whose IFD0 holds one Orientation entry of the given type (3 SHORT, 4 LONG). */
    private static byte[] tiff(ByteOrder order, int type, int value) {
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + 12 + 4).order(order);
        b.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'});
        b.putShort((short) 42).putInt(8).putShort((short) 1);
        b.putShort((short) 0x0112).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
        b.putInt(0); // no next directory
        return b.array();
    }

    /** The PNG with an eXIf chunk after IHDR. */
    private static byte[] withExif(byte[] png, byte[] exif) {
        int afterIhdr = 8 + 12 + 13;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterIhdr);
        out.writeBytes(TestImages.chunk("eXIf", exif));
        out.write(png, afterIhdr, png.length - afterIhdr);
        return out.toByteArray();
    }

    /** The JPEG with an APP1 segment right after SOI. */
    private static byte[] insertApp1(byte[] jpeg, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xFF);
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static Path fixture(String name) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("fixtures/exif").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("fixtures/exif/" + name + " not found above " + Path.of("").toAbsolutePath()
                + "; run /usr/bin/python3 fixtures/make_exif_fixtures.py");
    }
}
