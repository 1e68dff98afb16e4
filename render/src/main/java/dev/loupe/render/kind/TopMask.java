package dev.loupe.render.kind;

import dev.loupe.core.stability.Experimental;
import dev.loupe.render.heatmap.Heatmap;
import dev.loupe.render.image.RgbImage;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The image kept where the map is in its top {@code percent} % of pixels, black elsewhere.
 * Exactly {@code round(percent / 100 * pixels)} pixels are kept; among equal values the
 * earlier pixel (row-major) wins, so the count does not depend on ties (clipped maps have many).
 */
@Experimental
public final class TopMask {

    private TopMask() {}

    /** Which pixels are kept, row-major. */
    public static boolean[] keep(Heatmap heatmap, double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("mask percent must be in [0, 100], got " + percent);
        }
        float[] v = heatmap.values().data();
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -v[i]).thenComparingInt(i -> i));
        long count = Math.round(percent / 100 * v.length);
        boolean[] keep = new boolean[v.length];
        for (int k = 0; k < count; k++) {
            keep[order[k]] = true;
        }
        return keep;
    }

    public static BufferedImage draw(Heatmap heatmap, RgbImage image, double percent) {
        if (image.width() != heatmap.width() || image.height() != heatmap.height()) {
            throw new IllegalArgumentException("the heatmap is " + heatmap.width() + "x" + heatmap.height()
                    + " but the image is " + image.width() + "x" + image.height());
        }
        boolean[] keep = keep(heatmap, percent);
        BufferedImage full = image.toBufferedImage();
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                out.setRGB(x, y, keep[y * image.width() + x] ? full.getRGB(x, y) & 0xffffff : 0);
            }
        }
        return out;
    }
}
