package dev.loupe.render.kind;

import dev.loupe.core.stability.Experimental;
import dev.loupe.render.color.Colormap;
import dev.loupe.render.heatmap.Heatmap;
import dev.loupe.render.image.Canny;
import dev.loupe.render.image.RgbImage;
import java.awt.image.BufferedImage;

/** The heatmap over the image's edges: the overlay with the image replaced by its Canny edge map. */
@Experimental
public final class EdgeOverlay {

    private EdgeOverlay() {}

    /** The edge map as an image: white edges on black. */
    public static RgbImage edgeImage(RgbImage image) {
        boolean[] edges = Canny.edges(image);
        int plane = edges.length;
        float[] chw = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            float v = edges[i] ? 1f : 0f;
            chw[i] = v;
            chw[plane + i] = v;
            chw[2 * plane + i] = v;
        }
        return RgbImage.of(image.width(), image.height(), chw);
    }

    public static BufferedImage draw(Heatmap heatmap, RgbImage image, Colormap colormap, double imageWeight) {
        return heatmap.overlay(edgeImage(image), colormap, imageWeight);
    }
}
