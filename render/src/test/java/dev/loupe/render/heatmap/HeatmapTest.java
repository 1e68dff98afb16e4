package dev.loupe.render.heatmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.color.Colormap;
import dev.loupe.render.image.RgbImage;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HeatmapTest {

    private final Colormap jet = Colormap.jet();

    @Test
    void layerMapIsNormalisedThenUpsampled() {
        // [0, 1] -> normalised [0, v] with v = 1 / (1 + 1e-7), then 2 -> 4 columns with weights
        // (1, 0), (0.75, 0.25), (0.25, 0.75), (0, 1) as in BilinearTest.
        Heatmap h = Heatmap.fromAttribution(new FloatArray(new float[] {10f, 11f}, new long[] {1, 2}), ChannelReduction.ABS_MAX, 1, 4);
        float v = (float) (1 / (1 + 1e-7));
        float[] got = h.values().data();
        assertEquals(0f, got[0]);
        assertEquals(0.25f * v, got[1], 1e-7f);
        assertEquals(0.75f * v, got[2], 1e-7f);
        assertEquals(v, got[3]);
    }

    @Test
    void camSizedMapUpsampledToImageStaysInUnitRange() {
        float[] cam = new float[49];
        cam[24] = 5f; // a single peak in the middle of a 7x7 map
        cam[0] = -1f;
        Heatmap h = Heatmap.fromAttribution(new FloatArray(cam, new long[] {7, 7}), ChannelReduction.ABS_MAX, 224, 224);
        assertEquals(224, h.height());
        assertEquals(224, h.width());
        float[] v = h.values().data();
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        assertEquals(0f, min); // the corner pixel copies the (normalised) minimum
        assertTrue(max > 0.9f && max <= 1f, "max " + max);
        assertArrayEquals(new long[] {224, 224}, h.values().shape());
    }

    @Test
    void inputGradientIsReducedOverChannelsWithoutResampling() {
        float[] grad = {-4f, 1f, 0f, 2f, /* channel 1 */ 1f, -3f, 0f, 0f, /* channel 2 */ 0f, 0f, 0f, -1f};
        Heatmap h = Heatmap.fromAttribution(new FloatArray(grad, new long[] {3, 2, 2}), ChannelReduction.ABS_MAX, 2, 2);
        // abs-max per pixel: 4, 3, 0, 2 -> (x - 0) / (4 + 1e-7)
        double d = 4 + 1e-7;
        assertArrayEquals(new float[] {(float) (4 / d), (float) (3 / d), 0f, (float) (2 / d)}, h.values().data());
    }

    @Test
    void otherRanksAreRejectedWithAHintForBatches() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Heatmap.fromAttribution(FloatArray.zeros(1, 3, 2, 2), ChannelReduction.SUM, 2, 2));
        assertTrue(e.getMessage().contains("got shape [1, 3, 2, 2]") && e.getMessage().contains("FloatArray.slice(i)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Heatmap.fromAttribution(FloatArray.zeros(4), ChannelReduction.SUM, 2, 2));
    }

    @Test
    void coloredUsesTheColormapPerPixel() {
        Heatmap h = Heatmap.fromNormalized(new FloatArray(new float[] {0f, 0.5f, 1f}, new long[] {1, 3}));
        BufferedImage img = h.colored(jet);
        assertEquals(BufferedImage.TYPE_INT_RGB, img.getType());
        for (int x = 0; x < 3; x++) {
            assertEquals(jet.rgb8(new double[] {0, 0.5, 1}[x]), img.getRGB(x, 0) & 0xffffff, "x " + x);
        }
    }

    @Test
    void overlayIsAWeightedSumWithoutRescaling() {
        Heatmap h = Heatmap.fromNormalized(new FloatArray(new float[] {0f, 1f}, new long[] {1, 2}));
        float[] gray = new float[6];
        Arrays.fill(gray, 0.5f);
        RgbImage image = RgbImage.of(2, 1, gray);

        BufferedImage half = h.overlay(image, jet, 0.5);
        // pixel 0: 0.5 * jet(0) + 0.5 * 0.5 = 0.5 * (0, 0, 0.5) + (0.25, 0.25, 0.25) = (0.25, 0.25, 0.5)
        //   -> 8 bits (63.75, 63.75, 127.5) rounded = (64, 64, 128)
        assertEquals(0x404080, half.getRGB(0, 0) & 0xffffff);
        // pixel 1: 0.5 * (0.5, 0, 0) + 0.25 = (0.5, 0.25, 0.25) -> (128, 64, 64); pytorch-grad-cam
        // would divide the whole picture by its maximum (0.5) here and double every value.
        assertEquals(0x804040, half.getRGB(1, 0) & 0xffffff);

        assertEquals(0x808080, h.overlay(image, jet, 1.0).getRGB(0, 0) & 0xffffff, "image only");
        // the blend is in floats and rounded (EightBit): jet(0)'s blue 0.5 gives 128, where
        // matplotlib's bytes=True, and so rgb8, truncates to 127
        assertEquals(0x000080, h.overlay(image, jet, 0.0).getRGB(0, 0) & 0xffffff, "heatmap only");
    }

    @Test
    void overlayChecksSizeAndWeight() {
        Heatmap h = Heatmap.fromNormalized(FloatArray.zeros(2, 2));
        RgbImage wrongSize = RgbImage.of(3, 2, new float[18]);
        var e = assertThrows(IllegalArgumentException.class, () -> h.overlay(wrongSize, jet, 0.5));
        assertEquals("the heatmap is 2x2 but the image is 3x2; build the heatmap at the image's size", e.getMessage());
        RgbImage ok = RgbImage.of(2, 2, new float[12]);
        assertThrows(IllegalArgumentException.class, () -> h.overlay(ok, jet, 1.5));
        assertThrows(IllegalArgumentException.class, () -> h.overlay(ok, jet, Double.NaN));
    }

    @Test
    void fromNormalizedChecksRange() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Heatmap.fromNormalized(new FloatArray(new float[] {0f, 1.5f}, new long[] {1, 2})));
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
    }

    @Test
    void styleDefaultsAndRendering() {
        HeatmapStyle style = HeatmapStyle.defaults();
        assertEquals(ChannelReduction.ABS_MAX, style.reduction());
        assertEquals("jet", style.colormap().name());
        assertEquals(0.5, style.imageWeight());
        assertThrows(IllegalArgumentException.class, () -> new HeatmapStyle(ChannelReduction.SUM, Colormap.jet(), -0.1));

        RgbImage image = RgbImage.of(4, 4, new float[48]);
        Heatmap h = style.heatmap(FloatArray.zeros(2, 2), image);
        assertEquals(4, h.width());
        assertEquals(4, style.overlay(h, image).getWidth());
        assertEquals(jet.rgb8(0), style.colored(h).getRGB(3, 3) & 0xffffff);
    }
}
