package dev.loupe.render.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Point;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PanelGridTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** A picture whose every pixel differs from its neighbours', so an offset or scaling would show. */
    private static BufferedImage pattern(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (seed * 40 << 16) | (x * 7 % 256) << 8 | (y * 11 % 256));
            }
        }
        return image;
    }

    @Test
    void layoutIsANearSquareGridRowByRow() {
        GridLayout five = GridLayout.of(5, 80, 60);
        assertEquals(3, five.columns());
        assertEquals(2, five.rows());
        assertEquals(3 * 80 + 4 * GridLayout.GAP, five.width());
        assertEquals(2 * (60 + GridLayout.CAPTION_HEIGHT) + 3 * GridLayout.GAP, five.height());
        assertEquals(new Point(GridLayout.GAP, GridLayout.GAP), five.panel(0));
        assertEquals(new Point(GridLayout.GAP + 2 * (80 + GridLayout.GAP), GridLayout.GAP), five.panel(2));
        assertEquals(new Point(GridLayout.GAP, 2 * GridLayout.GAP + 60 + GridLayout.CAPTION_HEIGHT), five.panel(3));
        assertEquals(1, GridLayout.of(1, 8, 8).columns());
        assertEquals(2, GridLayout.of(2, 8, 8).columns());
        assertEquals(4, GridLayout.of(11, 8, 8).columns());
        assertThrows(IndexOutOfBoundsException.class, () -> five.panel(5));
    }

    @Test
    void everyPanelIsCopiedPixelForPixelWithItsCaptionBelow() {
        List<PanelGrid.Panel> panels = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            panels.add(new PanelGrid.Panel(pattern(80, 60, i), i == 0 ? "input" : "layer" + i + ".0.downsample.0"));
        }
        PanelGrid.Figure figure = PanelGrid.draw(panels);
        assertTrue(figure.captionProblem().isEmpty(), figure.captionProblem().toString());
        assertEquals(figure.layout().width(), figure.image().getWidth());
        assertEquals(figure.layout().height(), figure.image().getHeight());
        for (int i = 0; i < 5; i++) {
            Point at = figure.layout().panel(i);
            BufferedImage expected = panels.get(i).image();
            for (int y = 0; y < 60; y++) {
                for (int x = 0; x < 80; x++) {
                    assertEquals(expected.getRGB(x, y), figure.image().getRGB(at.x + x, at.y + y), i + ": " + x + "," + y);
                }
            }
            assertTrue(darkPixels(figure.image(), at.x, at.y + 60, 80, GridLayout.CAPTION_HEIGHT) > 0, "caption " + i);
            // nothing is drawn in the gap to the right of a caption, even for a caption too long to fit
            assertEquals(0, darkPixels(figure.image(), at.x + 80, at.y + 60, GridLayout.GAP, GridLayout.CAPTION_HEIGHT));
        }
        // the sixth cell of the 3x2 grid stays empty
        Point empty = new Point(GridLayout.GAP + 2 * (80 + GridLayout.GAP), figure.layout().panel(3).y);
        assertEquals(0, darkPixels(figure.image(), empty.x, empty.y, 80, 60 + GridLayout.CAPTION_HEIGHT));
    }

    @Test
    void panelsOfDifferentSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PanelGrid.draw(List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PanelGrid.draw(List.of(
                new PanelGrid.Panel(pattern(8, 8, 0), "a"), new PanelGrid.Panel(pattern(8, 9, 1), "b"))));
        assertTrue(e.getMessage().contains("'b' is 8x9"), e.getMessage());
    }

    private static int darkPixels(BufferedImage image, int x0, int y0, int width, int height) {
        int dark = 0;
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                int rgb = image.getRGB(x, y);
                if ((rgb & 0xff) < 200) {
                    dark++;
                }
            }
        }
        return dark;
    }
}
