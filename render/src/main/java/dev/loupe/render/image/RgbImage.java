package dev.loupe.render.image;

import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An RGB image as the models see it: three planes (channel, row, column) of floats in [0, 1].
 *
 * <p>The pixel array is shared, not copied, so that a 50-megapixel image is not duplicated on
 * every hand-over; treat it as read-only.
 *
 * @param source where the pixels came from, or {@code null} for an image made in memory
 * @param width columns
 * @param height rows
 * @param chw {@code 3 * height * width} values, red plane first
 * @param warnings what was changed to make the file an RGB image (alpha dropped, ...), for the
 *     run report
 */
@Experimental
public record RgbImage(Path source, int width, int height, float[] chw, List<String> warnings) {

    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        Objects.requireNonNull(chw, "chw");
        if (chw.length != 3L * width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " RGB image needs "
                    + 3L * width * height + " values, got " + chw.length);
        }
        warnings = List.copyOf(warnings);
    }

    /** An image made in memory, with no source file and no warnings. */
    public static RgbImage of(int width, int height, float[] chw) {
        return new RgbImage(null, width, height, chw, List.of());
    }

    /** The value of channel {@code c} (0 red, 1 green, 2 blue) at row {@code y}, column {@code x}. */
    public float get(int c, int y, int x) {
        return chw[(c * height + y) * width + x];
    }

    /** The same pixels as a (3, H, W) array; the data is shared. */
    public FloatArray toFloatArray() {
        return new FloatArray(chw, new long[] {3, height, width});
    }

    /** This image's pixels under a new size, keeping its source and warnings. */
    RgbImage withPixels(int newWidth, int newHeight, float[] newChw, List<String> extraWarnings) {
        List<String> all = new ArrayList<>(warnings);
        all.addAll(extraWarnings);
        return new RgbImage(source, newWidth, newHeight, newChw, all);
    }

    /** An 8-bit RGB picture of this image, each value rounded to the nearest of 0..255. */
    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = width * height;
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                row[x] = (EightBit.of(chw[i]) << 16) | (EightBit.of(chw[plane + i]) << 8)
                        | EightBit.of(chw[2 * plane + i]);
            }
            out.setRGB(0, y, width, 1, row, 0, width);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage r && width == r.width && height == r.height
                && Objects.equals(source, r.source) && Arrays.equals(chw, r.chw)
                && warnings.equals(r.warnings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, width, height, Arrays.hashCode(chw), warnings);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + (source == null ? "" : ", " + source)
                + (warnings.isEmpty() ? "" : ", warnings=" + warnings) + "]";
    }
}
