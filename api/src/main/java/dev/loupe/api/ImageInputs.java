package dev.loupe.api;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.render.image.ImageLoader;
import dev.loupe.render.image.ImageReadException;
import dev.loupe.render.image.RgbImage;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Objects;

/** Images from files and from memory as {@link RgbImage}s; read failures become {@link LoupeException}s. */
final class ImageInputs {

    private ImageInputs() {
    }

    static RgbImage read(ImageLoader loader, Path file) {
        try {
            return loader.load(file);
        } catch (ImageReadException e) {
            throw new LoupeException(ErrorKind.INPUT, e.getMessage(), e);
        }
    }

    /** 8-bit sRGB values / 255, as the file reader gives for a PNG of the same pixels; alpha is dropped. */
    static RgbImage convert(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        int width = image.getWidth();
        int height = image.getHeight();
        int plane = width * height;
        float[] chw = new float[3 * plane];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int argb = row[x];
                int i = y * width + x;
                chw[i] = ((argb >> 16) & 0xff) / 255f;
                chw[plane + i] = ((argb >> 8) & 0xff) / 255f;
                chw[2 * plane + i] = (argb & 0xff) / 255f;
            }
        }
        return RgbImage.of(width, height, chw);
    }
}
