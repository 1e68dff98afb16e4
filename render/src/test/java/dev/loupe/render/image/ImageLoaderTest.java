package dev.loupe.render.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.render.image.ImageReadException.Reason;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLoaderTest {

    @TempDir
    Path dir;

    private final ImageLoader loader = new ImageLoader();

    // ---- pixel layouts ----

    @Test
    void rgb8ValuesAreSampleOver255Exactly() throws Exception {
        BufferedImage img = TestImages.rgb8(4, 3, (b, x, y) -> (b * 97 + x * 31 + y * 67) % 256);
        Path file = TestImages.write(img, "png", dir.resolve("rgb.png"));
        assertArrayEquals(new int[] {2, 8}, TestImages.pngTypeAndDepth(file));

        RgbImage rgb = loader.load(file);
        assertEquals(4, rgb.width());
        assertEquals(3, rgb.height());
        assertEquals(file, rgb.source());
        assertEquals(List.of(), rgb.warnings());
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    int s = (c * 97 + x * 31 + y * 67) % 256;
                    assertEquals(s / 255f, rgb.get(c, y, x), "c" + c + " y" + y + " x" + x);
                }
            }
        }
    }

    @Test
    void packedIntRgbIsReadInRgbOrder() throws Exception {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_BGR);
        img.setRGB(0, 0, 0x102030);
        img.setRGB(1, 0, 0xff8001);
        RgbImage rgb = loader.load(TestImages.write(img, "bmp", dir.resolve("bgr.bmp")));
        assertArrayEquals(new float[] {0x10 / 255f, 0xff / 255f, 0x20 / 255f, 0x80 / 255f, 0x30 / 255f, 1 / 255f}, rgb.chw());
    }

    @Test
    void gray8IsReplicatedWithoutGammaChange() throws Exception {
        // 128 would come out as about 0.216 through a gray->sRGB colour conversion (drawImage).
        BufferedImage img = TestImages.gray8(3, 2, (b, x, y) -> new int[] {0, 1, 128, 200, 254, 255}[y * 3 + x]);
        Path file = TestImages.write(img, "png", dir.resolve("gray.png"));
        assertArrayEquals(new int[] {0, 8}, TestImages.pngTypeAndDepth(file));

        RgbImage rgb = loader.load(file);
        assertEquals(List.of("grayscale image converted to RGB"), rgb.warnings());
        float[] expected = {0f, 1 / 255f, 128 / 255f, 200 / 255f, 254 / 255f, 1f};
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(expected, Arrays.copyOfRange(rgb.chw(), c * 6, c * 6 + 6), "channel " + c);
        }
    }

    @Test
    void grayAlphaDropsAlphaAndKeepsGray() throws Exception {
        BufferedImage img = TestImages.component(ColorSpace.getInstance(ColorSpace.CS_GRAY), true,
                DataBuffer.TYPE_BYTE, 2, 1, (b, x, y) -> b == 0 ? 60 + x * 100 : x * 255);
        Path file = TestImages.write(img, "png", dir.resolve("gray_alpha.png"));
        assertArrayEquals(new int[] {4, 8}, TestImages.pngTypeAndDepth(file));

        RgbImage rgb = loader.load(file);
        assertEquals(2, rgb.warnings().size(), rgb.warnings().toString());
        assertEquals("grayscale image converted to RGB", rgb.warnings().get(0));
        assertTrue(rgb.warnings().get(1).startsWith("alpha channel dropped"), rgb.warnings().toString());
        assertArrayEquals(new float[] {60 / 255f, 160 / 255f, 60 / 255f, 160 / 255f, 60 / 255f, 160 / 255f}, rgb.chw());
    }

    @Test
    void rgbaDropsAlphaAndKeepsTheStoredColourOfTransparentPixels() throws Exception {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x000a141e); // fully transparent, colour (10, 20, 30)
        img.setRGB(1, 0, 0x80ff0000); // half transparent red
        Path file = TestImages.write(img, "png", dir.resolve("rgba.png"));
        assertArrayEquals(new int[] {6, 8}, TestImages.pngTypeAndDepth(file));

        RgbImage rgb = loader.load(file);
        assertEquals(1, rgb.warnings().size());
        assertTrue(rgb.warnings().get(0).contains("alpha channel dropped"));
        // As PIL's convert("RGB"): alpha is dropped, not composited over black or white.
        assertArrayEquals(new float[] {10 / 255f, 1f, 20 / 255f, 0f, 30 / 255f, 0f}, rgb.chw());
    }

    @Test
    void gray16IsScaledBy65535() throws Exception {
        BufferedImage img = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        int[] samples = {0, 257, 32768, 65535};
        img.getRaster().setPixels(0, 0, 4, 1, samples);
        Path file = TestImages.write(img, "png", dir.resolve("gray16.png"));
        assertArrayEquals(new int[] {0, 16}, TestImages.pngTypeAndDepth(file));

        RgbImage rgb = loader.load(file);
        assertEquals(List.of("grayscale image converted to RGB", "16-bit image scaled to [0, 1] by 1/65535"), rgb.warnings());
        float[] expected = {0f, 257 / 65535f, 32768 / 65535f, 1f};
        assertArrayEquals(expected, Arrays.copyOfRange(rgb.chw(), 0, 4));
        assertArrayEquals(expected, Arrays.copyOfRange(rgb.chw(), 8, 12));
    }

    @Test
    void rgb16IsScaledBy65535() throws Exception {
        BufferedImage img = TestImages.component(ColorSpace.getInstance(ColorSpace.CS_sRGB), false,
                DataBuffer.TYPE_USHORT, 1, 1, (b, x, y) -> new int[] {65535, 1000, 0}[b]);
        Path file = TestImages.write(img, "png", dir.resolve("rgb16.png"));
        assertArrayEquals(new int[] {2, 16}, TestImages.pngTypeAndDepth(file));

        RgbImage rgb = loader.load(file);
        assertEquals(List.of("16-bit image scaled to [0, 1] by 1/65535"), rgb.warnings());
        assertArrayEquals(new float[] {1f, 1000 / 65535f, 0f}, rgb.chw());
    }

    @Test
    void paletteGoesThroughTheColourTable() throws Exception {
        byte[] r = {(byte) 255, 0, 10};
        byte[] g = {0, (byte) 128, 20};
        byte[] b = {0, 0, 30};
        IndexColorModel palette = new IndexColorModel(8, 3, r, g, b);
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        img.getRaster().setPixels(0, 0, 3, 1, new int[] {2, 0, 1});
        Path file = TestImages.write(img, "png", dir.resolve("palette.png"));
        assertEquals(3, TestImages.pngTypeAndDepth(file)[0]);

        RgbImage rgb = loader.load(file);
        assertEquals(List.of(), rgb.warnings());
        assertArrayEquals(new float[] {10 / 255f, 1f, 0f, 20 / 255f, 0f, 128 / 255f, 30 / 255f, 0f, 0f}, rgb.chw());
    }

    @Test
    void paletteWithTransparencyWarnsAlphaDropped() throws Exception {
        IndexColorModel palette = new IndexColorModel(8, 2, new byte[] {(byte) 200, 0}, new byte[] {0, 100},
                new byte[] {0, 50}, new byte[] {0, (byte) 255});
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        img.getRaster().setPixels(0, 0, 2, 1, new int[] {0, 1});
        RgbImage rgb = loader.load(TestImages.write(img, "png", dir.resolve("palette_alpha.png")));
        assertTrue(rgb.warnings().stream().anyMatch(w -> w.startsWith("alpha channel dropped")), rgb.warnings().toString());
        assertArrayEquals(new float[] {200 / 255f, 0f, 0f, 100 / 255f, 0f, 50 / 255f}, rgb.chw());
    }

    @Test
    void oneBitImageIsGrayZeroOrOne() throws Exception {
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY);
        img.getRaster().setPixels(0, 0, 3, 1, new int[] {1, 0, 1});
        RgbImage rgb = loader.load(TestImages.write(img, "png", dir.resolve("binary.png")));
        assertEquals(List.of("grayscale image converted to RGB"), rgb.warnings());
        assertArrayEquals(new float[] {1f, 0f, 1f}, Arrays.copyOfRange(rgb.chw(), 3, 6));
    }

    @Test
    void jpegRgbAndGrayAreRead() throws Exception {
        BufferedImage flat = TestImages.rgb8(16, 16, (b, x, y) -> new int[] {200, 100, 50}[b]);
        RgbImage rgb = loader.load(TestImages.write(flat, "jpg", dir.resolve("flat.jpg")));
        assertEquals(List.of(), rgb.warnings());
        // JPEG is lossy; a flat colour survives to within a couple of levels.
        assertEquals(200 / 255f, rgb.get(0, 8, 8), 3 / 255f);
        assertEquals(100 / 255f, rgb.get(1, 8, 8), 3 / 255f);
        assertEquals(50 / 255f, rgb.get(2, 8, 8), 3 / 255f);

        BufferedImage gray = TestImages.gray8(16, 16, (b, x, y) -> 77);
        RgbImage g = loader.load(TestImages.write(gray, "jpeg", dir.resolve("gray.JPEG")));
        assertEquals(List.of("grayscale image converted to RGB"), g.warnings());
        assertEquals(77 / 255f, g.get(0, 3, 3), 1 / 255f);
        assertEquals(g.get(0, 3, 3), g.get(2, 3, 3));
    }

    @Test
    void gifIsRead() throws Exception {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_INDEXED);
        img.setRGB(0, 0, 0xff0000);
        RgbImage rgb = loader.load(TestImages.write(img, "gif", dir.resolve("a.gif")));
        assertEquals(1f, rgb.get(0, 0, 0));
        assertEquals(0f, rgb.get(1, 0, 0));
    }

    // ---- errors ----

    @Test
    void missingFile() {
        Path p = dir.resolve("nope.png");
        var e = assertThrows(ImageReadException.class, () -> loader.load(p));
        assertEquals(Reason.MISSING, e.reason());
        assertEquals(p, e.path());
        assertTrue(e.getMessage().startsWith("Cannot read image " + p + ": no such file"), e.getMessage());
        assertTrue(e.getMessage().contains("Check the spelling"), e.getMessage());
    }

    @Test
    void folderInsteadOfFile() {
        var e = assertThrows(ImageReadException.class, () -> loader.load(dir));
        assertEquals(Reason.NOT_A_FILE, e.reason());
        assertTrue(e.getMessage().contains("it is a folder") && e.getMessage().contains("listImages"), e.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        Path p = Files.createFile(dir.resolve("empty.png"));
        var e = assertThrows(ImageReadException.class, () -> loader.load(p));
        assertEquals(Reason.NOT_AN_IMAGE, e.reason());
        assertTrue(e.getMessage().contains("the file is empty (0 bytes)"), e.getMessage());
    }

    @Test
    void textFileWithPngSuffixListsSupportedFormats() throws IOException {
        Path p = Files.writeString(dir.resolve("notes.png"), "hello, this is not a picture\n");
        var e = assertThrows(ImageReadException.class, () -> loader.load(p));
        assertEquals(Reason.NOT_AN_IMAGE, e.reason());
        String m = e.getMessage();
        assertTrue(m.contains(p.toString()), m);
        assertTrue(m.contains("it holds text, not image data (starts with \"hello, this is n\")"), m);
        assertTrue(m.contains("Supported formats: ") && m.contains("png") && m.contains("jpg") && m.contains("jpeg"), m);
        assertTrue(m.contains("convert the file to PNG or JPEG"), m);
    }

    @Test
    void binaryGarbageAndWebpAreNotImages() throws IOException {
        Path junk = Files.write(dir.resolve("junk.jpg"), new byte[] {0, 1, 2, 3, (byte) 0xfe, 5, 6, 7, 8, 9});
        var e = assertThrows(ImageReadException.class, () -> loader.load(junk));
        assertTrue(e.getMessage().contains("no image format") && e.getMessage().contains("00010203fe050607"), e.getMessage());

        byte[] webp = "RIFF\0\0\0\0WEBPVP8 \0\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
        Path w = Files.write(dir.resolve("photo.webp"), webp);
        var e2 = assertThrows(ImageReadException.class, () -> loader.load(w));
        assertEquals(Reason.NOT_AN_IMAGE, e2.reason());
        assertTrue(e2.getMessage().contains("WebP"), e2.getMessage());
    }

    @Test
    void pngWithADamagedByteFailsItsCrc() throws Exception {
        byte[] png = TestImages.encode(TestImages.rgb8(8, 8, (b, x, y) -> x * y), "png");
        int idat = TestImages.chunkOffset(png, "IDAT");
        png[idat + 10] ^= 0x5a;
        Path p = Files.write(dir.resolve("corrupt.png"), png);
        var e = assertThrows(ImageReadException.class, () -> loader.load(p));
        assertEquals(Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().contains("the PNG file is corrupt: chunk 'IDAT' at byte " + idat
                + " fails its CRC check"), e.getMessage());
        assertTrue(e.getMessage().contains("Re-export or re-download"), e.getMessage());
    }

    @Test
    void truncatedPngFails() throws Exception {
        byte[] png = TestImages.encode(TestImages.rgb8(32, 32, (b, x, y) -> (x * 7 + y * 13 + b) % 256), "png");
        Path p = Files.write(dir.resolve("half.png"), Arrays.copyOf(png, png.length / 2));
        var e = assertThrows(ImageReadException.class, () -> loader.load(p));
        assertEquals(Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().contains("(truncated)"), e.getMessage());

        // Cut just before IEND: every pixel is there, but the file is still incomplete.
        Path noEnd = Files.write(dir.resolve("noend.png"), Arrays.copyOf(png, TestImages.chunkOffset(png, "IEND")));
        var e2 = assertThrows(ImageReadException.class, () -> loader.load(noEnd));
        assertTrue(e2.getMessage().contains("without an IEND chunk (truncated)"), e2.getMessage());
    }

    @Test
    void pngWithValidChecksumsButUndecodableDataFails() throws Exception {
        byte[] png = TestImages.encode(TestImages.rgb8(8, 8, (b, x, y) -> x), "png");
        int idat = TestImages.chunkOffset(png, "IDAT");
        int iend = TestImages.chunkOffset(png, "IEND");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, idat);
        out.writeBytes(TestImages.chunk("IDAT", new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        out.write(png, iend, png.length - iend);
        Path p = Files.write(dir.resolve("garbage_idat.png"), out.toByteArray());
        var e = assertThrows(ImageReadException.class, () -> loader.load(p));
        assertEquals(Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().contains("pixel data cannot be decoded"), e.getMessage());
    }

    @Test
    void truncatedJpegFails() throws Exception {
        byte[] jpg = TestImages.encode(TestImages.rgb8(64, 64, (b, x, y) -> (x * 5 + y * 3 + b * 40) % 256), "jpg");
        Path p = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpg, jpg.length * 2 / 3));
        var e = assertThrows(ImageReadException.class, () -> loader.load(p));
        assertEquals(Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().contains("the JPEG file is corrupt"), e.getMessage());
    }

    @Test
    void decompressionBombIsRefusedFromTheHeader() throws Exception {
        // 400 megapixels declared, no pixel data at all: decoding would fail, so reaching
        // TOO_LARGE proves the check ran before any decoding.
        Path p = Files.write(dir.resolve("bomb.png"), TestImages.pngHeaderOnly(20000, 20000));
        var e = assertThrows(ImageReadException.class, () -> loader.load(p));
        assertEquals(Reason.TOO_LARGE, e.reason());
        String m = e.getMessage();
        assertTrue(m.contains("20000x20000 = 400000000 pixels, over the limit of 50000000"), m);
        assertTrue(m.contains("nothing was decoded") && m.contains("raise the pixel limit"), m);
    }

    @Test
    void pixelLimitIsConfigurable() throws Exception {
        Path p = TestImages.write(TestImages.rgb8(20, 20, (b, x, y) -> 0), "png", dir.resolve("small.png"));
        var e = assertThrows(ImageReadException.class, () -> new ImageLoader(399).load(p));
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertEquals(20, new ImageLoader(400).load(p).width());
        assertEquals(399, new ImageLoader(399).maxPixels());
        assertEquals(ImageLoader.DEFAULT_MAX_PIXELS, loader.maxPixels());
        assertThrows(IllegalArgumentException.class, () -> new ImageLoader(0));
        assertThrows(IllegalArgumentException.class, () -> new ImageLoader(Long.MAX_VALUE));
    }

    @Test
    void unsupportedLayoutsNameTheLayout() {
        BufferedImage floats = TestImages.component(ColorSpace.getInstance(ColorSpace.CS_sRGB), false,
                DataBuffer.TYPE_FLOAT, 1, 1, (b, x, y) -> 0);
        var e = assertThrows(ImageReadException.class,
                () -> RasterToRgb.toChw(floats, dir.resolve("f.tif"), new ArrayList<>()));
        assertEquals(Reason.UNSUPPORTED, e.reason());
        assertTrue(e.getMessage().contains("floating-point samples"), e.getMessage());

        BufferedImage xyz = TestImages.component(ColorSpace.getInstance(ColorSpace.CS_CIEXYZ), false,
                DataBuffer.TYPE_BYTE, 1, 1, (b, x, y) -> 0);
        var e2 = assertThrows(ImageReadException.class,
                () -> RasterToRgb.toChw(xyz, dir.resolve("x.tif"), new ArrayList<>()));
        assertTrue(e2.getMessage().contains("3 components of type XYZ")
                && e2.getMessage().contains("Convert it to an 8-bit RGB or grayscale PNG or JPEG"), e2.getMessage());
    }

    @Test
    void cmykJpegIsUnsupported() throws Exception {
        // A JPEG of four channels, which Java decodes as CMYK.
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 8, 8, 4, null);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        Path p = dir.resolve("print.jpg");
        try (ImageOutputStream out = ImageIO.createImageOutputStream(p.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(cmyk, null, null), null);
        } finally {
            writer.dispose();
        }
        var e = assertThrows(ImageReadException.class, () -> loader.load(p));
        assertEquals(Reason.UNSUPPORTED, e.reason());
        assertTrue(e.getMessage().contains("4 components of type CMYK"), e.getMessage());
    }

    @Test
    void supportedSuffixesComeFromImageIo() {
        List<String> s = ImageLoader.supportedSuffixes();
        assertTrue(s.containsAll(List.of("bmp", "gif", "jpeg", "jpg", "png")), s.toString());
        assertEquals(s.stream().sorted().toList(), s);
    }

    // ---- listing ----

    @Test
    void listImagesPicksImageSuffixesSortedByNameNonRecursively() throws Exception {
        for (String name : List.of("b.PNG", "a.jpg", "c.txt", ".hidden.png", "e.JPEG", "f.gif", "g.bmp", "h.png.bak", "noext")) {
            Files.writeString(dir.resolve(name), "x");
        }
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/d.png"), "x");
        Files.createDirectories(dir.resolve("folder.png"));

        List<String> names = ImageLoader.listImages(dir).stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("a.jpg", "b.PNG", "e.JPEG", "f.gif", "g.bmp"), names);
    }

    @Test
    void listImagesOfAFileIsThatFileWhateverItsSuffix() throws Exception {
        Path p = Files.writeString(dir.resolve("notes.txt"), "x");
        assertEquals(List.of(p), ImageLoader.listImages(p));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(List.of(), ImageLoader.listImages(empty));
        var e = assertThrows(ImageReadException.class, () -> ImageLoader.listImages(dir.resolve("missing")));
        assertEquals(Reason.MISSING, e.reason());
    }
}
