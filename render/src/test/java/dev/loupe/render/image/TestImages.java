package dev.loupe.render.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Builds test images of every layout in memory and as files; no binary fixtures needed. */
final class TestImages {

    private TestImages() {}

    /** An image whose raster samples are {@code sample(band, x, y)}. */
    interface Samples {
        int at(int band, int x, int y);
    }

    static BufferedImage component(ColorSpace space, boolean alpha, int dataType, int w, int h, Samples samples) {
        ColorModel cm = new ComponentColorModel(space, alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, dataType);
        WritableRaster raster = cm.createCompatibleWritableRaster(w, h);
        for (int b = 0; b < raster.getNumBands(); b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    raster.setSample(x, y, b, samples.at(b, x, y));
                }
            }
        }
        return new BufferedImage(cm, raster, false, null);
    }

    static BufferedImage gray8(int w, int h, Samples s) {
        return component(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, DataBuffer.TYPE_BYTE, w, h, s);
    }

    static BufferedImage rgb8(int w, int h, Samples s) {
        return component(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, DataBuffer.TYPE_BYTE, w, h, s);
    }

    static Path write(BufferedImage image, String format, Path file) {
        try {
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no " + format + " writer for " + image);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer for " + image);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PNG colour type byte (0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA) and bit depth. */
    static int[] pngTypeAndDepth(Path png) throws IOException {
        byte[] b = Files.readAllBytes(png);
        return new int[] {b[25] & 0xff, b[24] & 0xff};
    }

    /** Offset of the first chunk of this type, pointing at its length field. */
    static int chunkOffset(byte[] png, String type) {
        int offset = 8;
        while (offset + 8 <= png.length) {
            int length = ByteBuffer.wrap(png, offset, 4).getInt();
            if (new String(png, offset + 4, 4, StandardCharsets.ISO_8859_1).equals(type)) {
                return offset;
            }
            offset += 12 + length;
        }
        throw new IllegalArgumentException("no " + type + " chunk");
    }

    /** A chunk with a correct CRC. */
    static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.putInt(data.length).put(t).put(data).putInt((int) crc.getValue());
        return b.array();
    }

    /** A PNG that declares {@code width x height} 8-bit RGB pixels but holds no pixel data. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        out.writeBytes(chunk("IHDR", ihdr.array()));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }
}
