package dev.loupe.cli.report;

import dev.loupe.render.io.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Puts pictures into the report folder: copies of the run's PNGs, the input images, and a JPEG
 * thumbnail beside each picture larger than {@value #THUMB_LIMIT} px, so that an index of
 * dozens of 1000-px images still loads at once.
 */
final class Pictures {

    /** Pictures with a side over this get a thumbnail (twice the grid cell, sharp on high-density screens). */
    static final int THUMB_LIMIT = 2 * 160;
    private static final float JPEG_QUALITY = 0.88f;

    private Pictures() {
    }

    /** Copies {@code source} to {@code target}; {@code null} when the source is missing or not a readable image. */
    static Picture copy(Path source, Path target) throws IOException {
        if (!Files.isRegularFile(source)) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(source);
        BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        if (image == null) {
            return null;
        }
        Files.createDirectories(target.getParent());
        AtomicFiles.writeBytes(target, bytes);
        return describe(target, image);
    }

    /** Writes {@code image} as a PNG at {@code target}. */
    static Picture write(BufferedImage image, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        AtomicFiles.writePng(target, image);
        return describe(target, image);
    }

    /** A picture already in the report folder (a rebuild keeps the input images); {@code null} when absent. */
    static Picture existing(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        BufferedImage image = ImageIO.read(file.toFile());
        return image == null ? null : describe(file, image);
    }

    private static Picture describe(Path file, BufferedImage image) throws IOException {
        int w = image.getWidth();
        int h = image.getHeight();
        if (Math.max(w, h) <= THUMB_LIMIT) {
            return new Picture(file, w, h, null, 0, 0);
        }
        double scale = (double) THUMB_LIMIT / Math.max(w, h);
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path thumb = file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".thumb.jpg");
        AtomicFiles.writeBytes(thumb, jpeg(shrink(image, tw, th)));
        return new Picture(file, w, h, thumb, tw, th);
    }

    /** Area-averaged down-scaling (no aliasing on heatmap edges), flattened on white: JPEG has no alpha. */
    private static BufferedImage shrink(BufferedImage image, int w, int h) {
        Image scaled = image.getScaledInstance(w, h, Image.SCALE_AREA_AVERAGING);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(scaled, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
