package dev.loupe.render.kind;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.color.Colormap;
import dev.loupe.render.heatmap.Heatmap;
import dev.loupe.render.heatmap.Upsampling;
import dev.loupe.render.image.RgbImage;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OutputKindsTest {

    @Test
    void kindsAreLookedUpByName() {
        assertEquals(OutputKind.RGB_GRADIENT, OutputKind.byName("rgb-gradient"));
        var e = assertThrows(IllegalArgumentException.class, () -> OutputKind.byName("edge"));
        assertEquals("Unknown output kind 'edge'. Did you mean 'edges'? Known: overlay, heatmap, edges,"
                + " rgb-gradient, masked.", e.getMessage());
    }

    @Test
    void rgbGradientIsOneMinMaxOverAllChannels() {
        // (3, 1, 2): min -1, max 3 -> (v + 1) / (4 + 1e-7)
        FloatArray g = new FloatArray(new float[] {-1, 3, 1, 0, 0, -1}, new long[] {3, 1, 2});
        BufferedImage img = RgbGradient.draw(g, Upsampling.BILINEAR, 1, 2);
        assertEquals(0x008040, img.getRGB(0, 0) & 0xffffff); // (0, 0.5, 0.25) -> (0, 128, 64)
        assertEquals(0xff4000, img.getRGB(1, 0) & 0xffffff); // (1, 0.25, 0) -> (255, 64, 0)
        var e = assertThrows(IllegalArgumentException.class,
                () -> RgbGradient.draw(new FloatArray(new float[4], new long[] {2, 2}), Upsampling.NEAREST, 2, 2));
        assertEquals("rgb-gradient needs a (3, H, W) or (1, H, W) input map, got shape [2, 2]; layer maps have no"
                + " colour channels (use heatmap or overlay)", e.getMessage());
    }

    @Test
    void maskKeepsTheTopPercentAndBreaksTiesByPosition() {
        Heatmap h = Heatmap.fromNormalized(new FloatArray(new float[] {0.1f, 0.9f, 0.5f, 0.9f}, new long[] {2, 2}));
        assertArrayEquals(new boolean[] {false, true, false, false}, TopMask.keep(h, 25));
        assertArrayEquals(new boolean[] {false, true, false, true}, TopMask.keep(h, 50));
        assertArrayEquals(new boolean[] {false, true, true, true}, TopMask.keep(h, 75));
        float[] chw = new float[12];
        Arrays.fill(chw, 0.5f);
        BufferedImage m = TopMask.draw(h, RgbImage.of(2, 2, chw), 50);
        assertEquals(0, m.getRGB(0, 0) & 0xffffff);
        assertEquals(0x808080, m.getRGB(1, 0) & 0xffffff);
        assertEquals(0x808080, m.getRGB(1, 1) & 0xffffff);
        assertThrows(IllegalArgumentException.class, () -> TopMask.keep(h, 101));
    }

    @Test
    void edgesOverlayBlendsOverWhiteEdgesOnBlack() {
        int n = 16;
        float[] chw = new float[3 * n * n];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < n; y++) {
                for (int x = 8; x < n; x++) {
                    chw[(c * n + y) * n + x] = 1f;
                }
            }
        }
        RgbImage image = RgbImage.of(n, n, chw);
        RgbImage edges = EdgeOverlay.edgeImage(image);
        assertEquals(1f, edges.get(0, 5, 8)); // the step between columns 7 and 8
        assertEquals(0f, edges.get(0, 5, 2));
        Heatmap zero = Heatmap.fromNormalized(new FloatArray(new float[n * n], new long[] {n, n}));
        BufferedImage drawn = EdgeOverlay.draw(zero, image, Colormap.byName("gray"), 0.5);
        assertEquals(0x808080, drawn.getRGB(8, 5) & 0xffffff); // 0.5 * black + 0.5 * white edge
        assertEquals(0x000000, drawn.getRGB(2, 5) & 0xffffff);
    }
}
