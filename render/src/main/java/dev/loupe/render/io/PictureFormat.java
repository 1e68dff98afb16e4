package dev.loupe.render.io;

import dev.loupe.core.stability.Experimental;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a run writes its pictures: the format, and for JPEG the quality (1-100, as PIL's
 * {@code quality}; 90 by default). Every write is atomic (see {@link AtomicFiles}).
 */
@Experimental
public record PictureFormat(ImageFormat format, int jpegQuality) {

    public static final int DEFAULT_JPEG_QUALITY = 90;

    public PictureFormat {
        Objects.requireNonNull(format, "format");
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("JPEG quality must be in [1, 100], got " + jpegQuality);
        }
    }

    public static PictureFormat png() {
        return new PictureFormat(ImageFormat.PNG, DEFAULT_JPEG_QUALITY);
    }

    public static PictureFormat jpeg(int quality) {
        return new PictureFormat(ImageFormat.JPEG, quality);
    }

    /** {@code stem} with this format's suffix: {@code grad-cam.png}, {@code grad-cam.jpg}. */
    public String fileName(String stem) {
        return stem + "." + format.extension();
    }

    public void write(Path target, BufferedImage image) throws IOException {
        if (format == ImageFormat.PNG) {
            AtomicFiles.writePng(target, image);
        } else {
            AtomicFiles.writeJpeg(target, image, jpegQuality / 100f);
        }
    }

    /** For run.json. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("format", format == ImageFormat.PNG ? "png" : "jpeg");
        if (format == ImageFormat.JPEG) {
            d.put("jpeg_quality", jpegQuality);
        }
        return d;
    }
}
