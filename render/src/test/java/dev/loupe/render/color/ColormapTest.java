package dev.loupe.render.color;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.render.Golden;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColormapTest {

    private final Colormap jet = Colormap.jet();

    /*
     * matplotlib's _jet_data, with x scaled by N - 1 = 255 as _create_lookup_table does:
     *   red:   (0, 0) (89.25, 0) (168.3, 1) (226.95, 1) (255, 0.5)
     *   green: (0, 0) (31.875, 0) (95.625, 1) (163.2, 1) (232.05, 0) (255, 0)
     *   blue:  (0, 0.5) (28.05, 1) (86.7, 1) (165.75, 0) (255, 0)
     * Entry k interpolates linearly at k between the surrounding points; entry 0 is the first
     * y, entry 255 the last.
     */
    @Test
    void endpoints() {
        assertArrayEquals(new double[] {0, 0, 0.5}, jet.rgb(0.0));
        assertArrayEquals(new double[] {0.5, 0, 0}, jet.rgb(1.0));
    }

    @Test
    void middleEntriesFollowTheSegmentData() {
        // 0.5 -> entry 128: red (128 - 89.25) / (168.3 - 89.25) = 38.75 / 79.05 ~ 0.4902,
        // green 1, blue 1 - (128 - 86.7) / (165.75 - 86.7) = 1 - 41.3 / 79.05 ~ 0.4775
        assertRgb(jet.rgb(0.5), 38.75 / 79.05, 1, 1 - 41.3 / 79.05);
        // 0.25 -> entry 64: red 0, green (64 - 31.875) / 63.75 ~ 0.5039, blue 1
        assertRgb(jet.rgb(0.25), 0, (64 - 31.875) / 63.75, 1);
        // 0.75 -> entry 192: red 1, green 1 - (192 - 163.2) / 68.85 ~ 0.5817, blue 0
        assertRgb(jet.rgb(0.75), 1, 1 - (192 - 163.2) / 68.85, 0);
        // 1/256 -> entry 1: blue 0.5 + 0.5 * 1 / 28.05 ~ 0.5178
        assertRgb(jet.rgb(1.0 / 256), 0, 0, 0.5 + 0.5 / 28.05);
    }

    private static void assertRgb(double[] rgb, double r, double g, double b) {
        assertEquals(r, rgb[0], 1e-12, "red");
        assertEquals(g, rgb[1], 1e-12, "green");
        assertEquals(b, rgb[2], 1e-12, "blue");
    }

    /** All 256 entries equal matplotlib 3.6's jet(np.arange(256)) to the bit (make_golden.py). */
    @Test
    void wholeTableEqualsMatplotlib() throws IOException {
        byte[] npy = Files.readAllBytes(Golden.path("jet_matplotlib.npy"));
        ByteBuffer data = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = data.getShort(8);
        data.position(10 + headerLength);
        assertEquals(256, jet.size());
        for (int i = 0; i < 256; i++) {
            assertEquals(data.getDouble(), jet.red(i), "red " + i);
            assertEquals(data.getDouble(), jet.green(i), "green " + i);
            assertEquals(data.getDouble(), jet.blue(i), "blue " + i);
        }
    }

    @Test
    void lookupRuleIsMatplotlibs() {
        assertEquals(0, jet.index(0.0));
        assertEquals(0, jet.index(0.9 / 256));
        assertEquals(1, jet.index(1.0 / 256));
        assertEquals(128, jet.index(0.5));
        assertEquals(255, jet.index(0.999));
        assertEquals(255, jet.index(1.0)); // x == 1 is in range: the last entry
        assertEquals(0, jet.index(-0.1)); // under -> first entry
        assertEquals(255, jet.index(1.1)); // over -> last entry
        assertEquals(255, jet.index(Double.POSITIVE_INFINITY));
        assertEquals(-1, jet.index(Double.NaN));
        assertArrayEquals(new double[] {0, 0, 0}, jet.rgb(Double.NaN));
        assertEquals(0, jet.rgb8(Double.NaN));
    }

    @Test
    void eightBitColoursTruncateAsMatplotlibDoes() {
        // blue 0.5 * 255 = 127.5 -> 127: matplotlib's bytes=True is (lut * 255).astype(uint8)
        assertEquals(0x00007f, jet.rgb8(0.0));
        assertEquals(0x7f0000, jet.rgb8(1.0));
    }

    @Test
    void byNameKnowsTheMapsAndSuggestsOtherwise() {
        assertSame(jet, Colormap.byName("jet"));
        assertEquals("jet", jet.name());
        assertEquals(List.of("jet", "viridis", "inferno", "magma", "coolwarm", "gist_earth", "gray", "seismic", "bwr"),
                Colormap.names());
        var e = assertThrows(IllegalArgumentException.class, () -> Colormap.byName("virids"));
        assertEquals("Unknown colormap 'virids'. Did you mean 'viridis'? Known colormaps: jet, viridis, inferno,"
                + " magma, coolwarm, gist_earth, gray, seismic, bwr", e.getMessage());
        assertSame(Colormap.byName("bwr"), Colormap.diverging());
    }

    @Test
    void listedColormapsUseTheSameLookup() {
        Colormap two = Colormap.listed("two", new double[][] {{1, 0, 0}, {0, 0, 1}});
        assertEquals(2, two.size());
        assertArrayEquals(new double[] {1, 0, 0}, two.rgb(0.49));
        assertArrayEquals(new double[] {0, 0, 1}, two.rgb(0.5));
        assertArrayEquals(new double[] {0, 0, 1}, two.rgb(1.0));
        assertTrue(two.toString().contains("two"));
    }
}
