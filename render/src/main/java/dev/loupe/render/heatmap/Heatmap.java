package dev.loupe.render.heatmap;

import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.color.Colormap;
import dev.loupe.render.image.Bilinear;
import dev.loupe.render.image.EightBit;
import dev.loupe.render.image.RgbImage;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * An attribution map ready to draw: one value in [0, 1] per image pixel.
 *
 * <p>{@link #fromAttribution} takes a raw map through these steps, in this order:
 * <ol>
 *   <li>a (C, H, W) map is reduced over channels ({@link ChannelReduction}); a (h, w) layer map
 *       is used as it is;
 *   <li>min-max normalisation ({@link MinMaxNormalization}) at the map's own resolution;
 *   <li>bilinear resize to the image size ({@link Bilinear}, half-pixel centres), skipped when
 *       the size already matches.
 * </ol>
 * Normalising before resizing is pytorch-grad-cam's order ({@code scale_cam_image}); since the
 * resize is a convex combination, the result stays in [0, 1].
 */
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
        FloatArray map = switch (raw.rank()) {
            case 2 -> raw;
            case 3 -> reduction.apply(raw);
            default -> throw new IllegalArgumentException("expected a (C, H, W) input attribution or an (h, w)"
                    + " layer attribution, got shape " + Arrays.toString(raw.shape())
                    + (raw.rank() == 4 ? "; for a batch, render each item (FloatArray.slice(i))" : ""));
        };
        FloatArray normalised = MinMaxNormalization.apply(map);
        FloatArray resized = Bilinear.resize(normalised, height, width);
        float[] v = resized.data();
        for (int i = 0; i < v.length; i++) {
            // float rounding in the resize may step a hair outside [0, 1]
            v[i] = Math.min(Math.max(v[i], 0f), 1f);
        }
        return new Heatmap(v, height, width);
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
