package dev.loupe.render.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RgbImageTest {

    @Test
    void eightBitRoundingRecoversEverySample() {
        for (int s = 0; s <= 255; s++) {
            assertEquals(s, EightBit.of(s / 255f), "sample " + s);
        }
        assertEquals(0, EightBit.of(-0.3));
        assertEquals(255, EightBit.of(1.7));
        assertEquals(0, EightBit.of(Double.NaN));
        assertEquals(128, EightBit.of(0.5)); // 127.5 rounds up
    }

    @Test
    void toBufferedImageRoundTripsEightBitPixels() {
        float[] chw = new float[3 * 2 * 3];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = (i * 37 % 256) / 255f;
        }
        RgbImage img = RgbImage.of(3, 2, chw);
        BufferedImage b = img.toBufferedImage();
        assertEquals(BufferedImage.TYPE_INT_RGB, b.getType());
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                int rgb = b.getRGB(x, y);
                assertEquals(EightBit.of(img.get(0, y, x)), rgb >> 16 & 0xff);
                assertEquals(EightBit.of(img.get(1, y, x)), rgb >> 8 & 0xff);
                assertEquals(EightBit.of(img.get(2, y, x)), rgb & 0xff);
            }
        }
    }

    @Test
    void floatArrayViewHasShape3HW() {
        RgbImage img = RgbImage.of(3, 2, new float[18]);
        assertArrayEquals(new long[] {3, 2, 3}, img.toFloatArray().shape());
    }

    @Test
    void validatesSizeAndCopiesWarnings() {
        assertThrows(IllegalArgumentException.class, () -> RgbImage.of(2, 2, new float[11]));
        assertThrows(IllegalArgumentException.class, () -> RgbImage.of(0, 2, new float[0]));
        List<String> warnings = new ArrayList<>(List.of("a"));
        RgbImage img = new RgbImage(null, 1, 1, new float[3], warnings);
        warnings.add("b");
        assertEquals(List.of("a"), img.warnings());
        assertEquals(img, new RgbImage(null, 1, 1, new float[3], List.of("a")));
    }
}
