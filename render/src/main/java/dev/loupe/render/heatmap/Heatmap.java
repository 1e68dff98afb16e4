package dev.loupe.render.heatmap;

import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.color.Colormap;
import dev.loupe.render.image.EightBit;
import dev.loupe.render.image.RgbImage;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * An attribution map ready to draw: one value in [0, 1] per image pixel.
 *
 * <p>{@link #fromAttribution} takes a raw map through {@link MapPipeline}'s default steps: a
 * (C, H, W) map is reduced over channels ({@link ChannelReduction}), an (h, w) layer map used
 * as it is; min-max normalisation at the map's own resolution (the same numbers as
 * {@link MinMaxNormalization}); bilinear resize to the image size (half-pixel centres), skipped
 * when the size already matches.
 */
@Experimental
public final class Heatmap {

    private final float[] values;
    private final int height;
    private final int width;

    private Heatmap(float[] values, int height, int width) {
        this.values = values;
        this.height = height;
        this.width = width;
    }

    /**
     * @param raw a (C, H, W) input attribution or an (h, w) layer attribution, unnormalised
     * @param reduction used only for (C, H, W) maps
     * @param height image rows to produce
     * @param width image columns to produce
     */
    public static Heatmap fromAttribution(FloatArray raw, ChannelReduction reduction, int height, int width) {
        return MapPipeline.withReduction(reduction).heatmap(raw, height, width);
    }

    /** A heatmap from an (H, W) map that is already in [0, 1]. */
    public static Heatmap fromNormalized(FloatArray map) {
        if (map.rank() != 2) {
            throw new IllegalArgumentException("expected an (H, W) map, got shape " + Arrays.toString(map.shape()));
        }
        for (float v : map.data()) {
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException("a normalised map must hold values in [0, 1], found " + v);
            }
        }
        return new Heatmap(map.data().clone(), Math.toIntExact(map.dim(0)), Math.toIntExact(map.dim(1)));
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** The values, (H, W), in [0, 1]; a copy. */
    public FloatArray values() {
        return new FloatArray(values.clone(), new long[] {height, width});
    }

    /** The map in colour, no image underneath. */
    public BufferedImage colored(Colormap colormap) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = colormap.rgb8(values[y * width + x]);
            }
            out.setRGB(0, y, width, 1, row, 0, width);
        }
        return out;
    }

    /**
     * The coloured map blended over {@code image}:
     * {@code out = (1 - imageWeight) * colour + imageWeight * image}, per channel, then rounded
     * to 8 bits.
     *
     * <p>Like pytorch-grad-cam's {@code show_cam_on_image}, except that it then divides by the
     * blend's maximum; that brightens each picture by a different factor, so it is not done
     * here and images stay comparable with each other.
     *
     * @param imageWeight in [0, 1]; pytorch-grad-cam's default is 0.5
     */
    public BufferedImage overlay(RgbImage image, Colormap colormap, double imageWeight) {
        if (!(imageWeight >= 0 && imageWeight <= 1)) {
            throw new IllegalArgumentException("image weight must be in [0, 1], got " + imageWeight);
        }
        if (image.width() != width || image.height() != height) {
            throw new IllegalArgumentException("the heatmap is " + width + "x" + height + " but the image is "
                    + image.width() + "x" + image.height() + "; build the heatmap at the image's size");
        }
        float[] pixels = image.chw();
        int plane = width * height;
        double heatWeight = 1 - imageWeight;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int entry = colormap.index(values[i]);
                double r = heatWeight * colormap.red(entry) + imageWeight * pixels[i];
                double g = heatWeight * colormap.green(entry) + imageWeight * pixels[plane + i];
                double b = heatWeight * colormap.blue(entry) + imageWeight * pixels[2 * plane + i];
                row[x] = (EightBit.of(r) << 16) | (EightBit.of(g) << 8) | EightBit.of(b);
            }
            out.setRGB(0, y, width, 1, row, 0, width);
        }
        return out;
    }
}
