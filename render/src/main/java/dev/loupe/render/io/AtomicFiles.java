package dev.loupe.render.io;

import dev.loupe.core.stability.Experimental;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes files so that a reader, or a run that is killed half-way, never sees a half-written
 * one: the content goes to a temporary file in the target's folder, which is then renamed over
 * the target in one atomic step. On any failure the temporary file is deleted and the target is
 * left as it was.
 */
@Experimental
public final class AtomicFiles {

    /** Produces a file's content; may throw, in which case nothing is written. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Writes {@code content} to {@code target}, creating missing parent folders.
     *
     * @throws AtomicMoveNotSupportedException if the file system cannot rename atomically (the
     *     temporary file is in the same folder, so this only happens on unusual file systems)
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        // Same folder, so the rename never crosses file systems; the leading dot keeps it out of
        // folder listings that skip hidden files.
        Path temp = Files.createTempFile(folder, "." + absolute.getFileName(), ".tmp");
        boolean moved = false;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                content.writeTo(out);
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Writes {@code text} as UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static void writePng(Path target, BufferedImage image) throws IOException {
        write(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer accepts an image of type " + image.getType()
                        + " for " + target + "; convert it to TYPE_INT_RGB first");
            }
        });
    }

    /**
     * Writes {@code image} as a baseline JPEG; {@code quality} in [0, 1] is ImageIO's compression
     * quality. Alpha is dropped first (JPEG has none, and the JDK writer refuses it).
     */
    public static void writeJpeg(Path target, BufferedImage image, float quality) throws IOException {
        if (!(quality >= 0 && quality <= 1)) {
            throw new IllegalArgumentException("JPEG quality must be in [0, 1], got " + quality);
        }
        BufferedImage rgb = opaqueRgb(image);
        write(target, out -> {
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
            if (!writers.hasNext()) {
                throw new IOException("this JDK has no JPEG writer; write PNG instead (output.format: png)");
            }
            ImageWriter writer = writers.next();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                writer.write(null, new IIOImage(rgb, null, null), param);
            } finally {
                writer.dispose();
            }
        });
    }

    private static BufferedImage opaqueRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        int[] row = new int[image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, image.getWidth(), 1, row, 0, image.getWidth());
            rgb.setRGB(0, y, image.getWidth(), 1, row, 0, image.getWidth());
        }
        return rgb;
    }
}
