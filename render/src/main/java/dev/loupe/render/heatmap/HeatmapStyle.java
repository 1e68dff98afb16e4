package dev.loupe.render.heatmap;

import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.color.Colormap;
import dev.loupe.render.image.RgbImage;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * The display choices for one run, kept together so they can be configured and recorded as one
 * value.
 *
 * @param reduction how (C, H, W) maps become one channel
 * @param colormap the colour table
 * @param imageWeight share of the image in an overlay, in [0, 1]
 */
@Experimental
public record HeatmapStyle(ChannelReduction reduction, Colormap colormap, double imageWeight) {

    public HeatmapStyle {
        Objects.requireNonNull(reduction, "reduction");
        Objects.requireNonNull(colormap, "colormap");
        if (!(imageWeight >= 0 && imageWeight <= 1)) {
            throw new IllegalArgumentException("image weight must be in [0, 1], got " + imageWeight);
        }
    }

    /** abs-max, jet, image weight 0.5 (pytorch-grad-cam's defaults for the last two). */
    public static HeatmapStyle defaults() {
        return new HeatmapStyle(ChannelReduction.ABS_MAX, Colormap.jet(), 0.5);
    }

    /** The heatmap of {@code raw} at {@code image}'s size. */
    public Heatmap heatmap(FloatArray raw, RgbImage image) {
        return Heatmap.fromAttribution(raw, reduction, image.height(), image.width());
    }

    public BufferedImage colored(Heatmap heatmap) {
        return heatmap.colored(colormap);
    }

    public BufferedImage overlay(Heatmap heatmap, RgbImage image) {
        return heatmap.overlay(image, colormap, imageWeight);
    }
}
