package dev.loupe.render.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.Golden;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PreprocessorTest {

    private static final float[] ZERO = {0f, 0f, 0f};
    private static final float[] ONE = {1f, 1f, 1f};

    @Test
    void shorterSideFollowsTorchvisionsRule() {
        // int(256 * 640 / 480) = int(341.33) = 341
        assertEquals(new ImageSize(256, 341), Resize.shorterSide(256).target(480, 640));
        assertEquals(new ImageSize(341, 256), Resize.shorterSide(256).target(640, 480));
        assertEquals(new ImageSize(256, 256), Resize.shorterSide(256).target(100, 100));
        // int(224 * 500 / 333) = int(336.336...) = 336; the width is the shorter side here
        assertEquals(new ImageSize(336, 224), Resize.shorterSide(224).target(500, 333));
        // already there: the size is kept
        assertEquals(new ImageSize(224, 149), Resize.shorterSide(149).target(224, 149));
        assertEquals(new ImageSize(7, 9), Resize.exact(7, 9).target(100, 3));
        assertEquals(new ImageSize(5, 6), Resize.none().target(5, 6));
        assertThrows(IllegalArgumentException.class, () -> Resize.shorterSide(0));
        assertThrows(IllegalArgumentException.class, () -> Resize.exact(0, 3));
    }

    @Test
    void normalisesPerChannelWithoutResizing() {
        float[] chw = {0.5f, 1f, 0.25f, 0f, 1f, 0.75f};
        RgbImage img = RgbImage.of(2, 1, chw);
        Preprocessor p = new Preprocessor(Resize.none(), Optional.empty(), new float[] {0.5f, 0f, 0.5f}, new float[] {0.5f, 2f, 0.25f});
        PreprocessedImage out = p.apply(img);
        assertArrayEquals(new long[] {3, 1, 2}, out.input().shape());
        assertArrayEquals(new float[] {0f, 1f, 0.125f, 0f, 2f, 1f}, out.input().data());
        assertArrayEquals(chw, out.display().chw());
    }

    @Test
    void imageAlreadyAtTargetSizeIsNotResampled() {
        float[] chw = new float[3 * 5 * 4];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = (float) Math.sin(i * 1.7) * 0.5f + 0.5f;
        }
        RgbImage img = RgbImage.of(4, 5, chw);
        for (Resize r : List.of(Resize.exact(5, 4), Resize.shorterSide(4), Resize.none())) {
            RgbImage display = new Preprocessor(r, Optional.empty(), ZERO, ONE).apply(img).display();
            assertArrayEquals(chw, display.chw(), r.toString());
        }
    }

    /** torchvision: Resize(8, antialias=False) + CenterCrop(6) + Normalize(ImageNet) on a tensor (make_golden.py). */
    @Test
    void matchesTorchvisionTensorPipelineExactly() {
        FloatArray in = Golden.npy("preprocess_in_20x30.npy");
        RgbImage img = RgbImage.of(30, 20, in.data());
        Preprocessor p = new Preprocessor(Resize.shorterSide(8), Optional.of(ImageSize.square(6)),
                new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
        PreprocessedImage out = p.apply(img);
        FloatArray torch = Golden.npy("preprocess_resize8_crop6.npy");
        assertArrayEquals(torch.shape(), out.input().shape());
        assertArrayEquals(torch.data(), out.input().data());
        assertEquals(6, out.display().width());
        assertEquals(6, out.display().height());
    }

    @Test
    void centerCropOffsetRoundsHalfToEvenLikePython() {
        float[] row7 = planes(1, 7);
        // (7 - 4) / 2 = 1.5 rounds to 2
        assertArrayEquals(new float[] {2, 3, 4, 5}, firstPlane(CenterCrop.apply(row7, new ImageSize(1, 7), new ImageSize(1, 4)), 4));
        // (9 - 4) / 2 = 2.5 rounds to 2
        float[] row9 = planes(1, 9);
        assertArrayEquals(new float[] {2, 3, 4, 5}, firstPlane(CenterCrop.apply(row9, new ImageSize(1, 9), new ImageSize(1, 4)), 4));
    }

    @Test
    void centerCropLargerThanImageIsZeroPaddedWithAWarning() {
        // torchvision pads (5 - 2) // 2 = 1 on the left and (5 - 2 + 1) // 2 = 2 on the right.
        float[] out = CenterCrop.apply(planes(1, 2), new ImageSize(1, 2), new ImageSize(1, 5));
        assertArrayEquals(new float[] {0, 0, 1, 0, 0}, firstPlane(out, 5));

        RgbImage img = RgbImage.of(2, 1, planes(1, 2));
        RgbImage display = new Preprocessor(Resize.none(), Optional.of(new ImageSize(1, 5)), ZERO, ONE).apply(img).display();
        assertEquals(List.of("center crop 1x5 is larger than the resized image 1x2; padded with black as torchvision does"),
                display.warnings());
    }

    @Test
    void displayKeepsTheSourceAndItsWarnings() {
        RgbImage img = new RgbImage(Path.of("cat.png"), 4, 4, new float[48], List.of("grayscale image converted to RGB"));
        RgbImage display = Preprocessor.imagenet().apply(img).display();
        assertEquals(Path.of("cat.png"), display.source());
        assertEquals(List.of("grayscale image converted to RGB"), display.warnings());
        assertEquals(224, display.width());
    }

    @Test
    void imagenetRecipe() {
        Preprocessor p = Preprocessor.imagenet();
        assertEquals(Resize.shorterSide(256), p.resize());
        assertEquals(ImageSize.square(224), p.outputSize(480, 640));
        assertArrayEquals(new float[] {0.485f, 0.456f, 0.406f}, p.mean());
        assertEquals(new ImageSize(256, 341),
                new Preprocessor(p.resize(), Optional.empty(), p.mean(), p.std()).outputSize(480, 640));
        assertEquals(p, Preprocessor.imagenet());
    }

    @Test
    void rejectsBadMeanAndStd() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Preprocessor(Resize.none(), Optional.empty(), new float[] {0f, 0f}, ONE));
        assertTrue(e.getMessage().contains("3 values each"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> new Preprocessor(Resize.none(), Optional.empty(), ZERO, new float[] {1f, 0f, 1f}));
        assertTrue(e2.getMessage().contains("non-zero"), e2.getMessage());
    }

    /** Three planes of {@code h x w}, each holding 0, 1, 2, ... */
    private static float[] planes(int h, int w) {
        float[] out = new float[3 * h * w];
        for (int i = 0; i < out.length; i++) {
            out[i] = i % (h * w);
        }
        return out;
    }

    private static float[] firstPlane(float[] chw, int n) {
        return Arrays.copyOf(chw, n);
    }
}
