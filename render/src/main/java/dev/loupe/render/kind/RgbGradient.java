package dev.loupe.render.kind;

import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.heatmap.MinMaxNormalization;
import dev.loupe.render.heatmap.Upsampling;
import dev.loupe.render.image.EightBit;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * A (3, H, W) gradient shown as colours, as guided-backprop tutorials do
 * ({@code g = g - g.min(); g /= g.max()} over the whole map, e.g. pytorch-cnn-visualizations'
 * {@code save_gradient_images}): one min-max for all channels, so their balance is kept. A
 * (1, H, W) map comes out gray.
 */
@Experimental
public final class RgbGradient {

    private RgbGradient() {}

    /** @throws IllegalArgumentException for a map that is not (1, H, W) or (3, H, W) */
    public static BufferedImage draw(FloatArray chw, Upsampling upsampling, int height, int width) {
        long[] shape = chw.shape();
        if (shape.length != 3 || (shape[0] != 3 && shape[0] != 1)) {
            throw new IllegalArgumentException("rgb-gradient needs a (3, H, W) or (1, H, W) input map, got shape "
                    + Arrays.toString(shape) + "; layer maps have no colour channels (use heatmap or overlay)");
        }
        float[] v = upsampling.resize(MinMaxNormalization.apply(chw), height, width).data();
        int plane = height * width;
        int green = shape[0] == 3 ? plane : 0;
        int blue = shape[0] == 3 ? 2 * plane : 0;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                row[x] = EightBit.of(v[i]) << 16 | EightBit.of(v[green + i]) << 8 | EightBit.of(v[blue + i]);
            }
            out.setRGB(0, y, width, 1, row, 0, width);
        }
        return out;
    }
}
