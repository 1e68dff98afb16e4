package dev.loupe.render.figure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.render.color.Colormap;
import dev.loupe.render.figure.MethodGrid.Cell;
import dev.loupe.render.figure.MethodGrid.ColourBar;
import dev.loupe.render.figure.MethodGrid.Row;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MethodGridTest {

    private static final ColourBar BAR = new ColourBar(Colormap.jet(), "low", "", "high", "each map min-max");

    @Test
    void layoutSizesFollowFromCellsGapsTitlesAndBar() {
        MethodGridLayout layout = MethodGridLayout.of(2, 3, 80, 60);
        assertThat(layout.cellWidth()).isEqualTo(MethodGridLayout.MIN_CELL_WIDTH);
        assertThat(layout.cellHeight()).isEqualTo(60);
        // gap, header, gap, then three cells of 112 each followed by a gap
        assertThat(layout.width()).isEqualTo(6 + 104 + 6 + 3 * (112 + 6));
        // two rows of title + picture + gap under a top gap, then bar, labels, gap
        assertThat(layout.height()).isEqualTo(6 + 2 * (30 + 60 + 6) + 14 + 18 + 6);
        assertThat(layout.picture(1, 2)).isEqualTo(new Rectangle(6 + 104 + 6 + 2 * 118, 6 + 96 + 30, 112, 60));
        assertThat(layout.title(1, 2)).isEqualTo(new Rectangle(6 + 104 + 6 + 2 * 118, 6 + 96, 112, 30));
        // the bar spans the map columns, not the input's
        assertThat(layout.bar()).isEqualTo(new Rectangle(6 + 104 + 6 + 118, 6 + 2 * 96, 2 * 112 + 6, 14));
        assertThat(MethodGridLayout.of(1, 2, 300, 200).cellWidth()).isEqualTo(300);
        assertThatThrownBy(() -> MethodGridLayout.of(1, 1, 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.picture(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void picturesAreCopiedPixelForPixel() {
        Random random = new Random(7);
        List<List<BufferedImage>> pictures = List.of(
                List.of(noise(random, 40, 30), noise(random, 40, 30), noise(random, 40, 30)),
                List.of(noise(random, 24, 30), noise(random, 40, 18), noise(random, 40, 30)));
        List<Row> rows = pictures.stream()
                .map(p -> new Row("image.png", p.stream().map(i -> new Cell(i, "method", "cat  logit 1.25")).toList()))
                .toList();
        MethodGrid.Figure figure = MethodGrid.draw(rows, BAR);
        assertThat(figure.image().getWidth()).isEqualTo(figure.layout().width());
        assertThat(figure.image().getHeight()).isEqualTo(figure.layout().height());
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                BufferedImage picture = pictures.get(r).get(c);
                Rectangle at = figure.placed()[r][c];
                Rectangle area = figure.layout().picture(r, c);
                assertThat(area.contains(at)).isTrue();
                // centred in the cell
                assertThat(at.x - area.x).isEqualTo((area.width - picture.getWidth()) / 2);
                assertThat(at.y - area.y).isEqualTo((area.height - picture.getHeight()) / 2);
                assertSamePixels(figure.image(), at, picture);
            }
        }
    }

    @Test
    void colourBarIsTheColormapAtSampledPositions() {
        Colormap viridis = Colormap.byName("viridis");
        ColourBar bar = new ColourBar(viridis, "-max", "0", "+max", "signed");
        MethodGrid.Figure figure = MethodGrid.draw(List.of(new Row("a.png",
                List.of(new Cell(solid(50, 50, 0x808080), "input", ""), new Cell(solid(50, 50, 0), "m", ""),
                        new Cell(solid(50, 50, 0), "n", "")))), bar);
        Rectangle r = figure.layout().bar();
        int[] samples = {0, 1, r.width / 4, r.width / 2, 3 * r.width / 4, r.width - 1};
        for (int i : samples) {
            for (int y = r.y; y < r.y + r.height; y++) {
                assertThat(figure.image().getRGB(r.x + i, y) & 0xFFFFFF)
                        .as("bar column %d", i).isEqualTo(viridis.rgb8((i + 0.5) / r.width));
            }
        }
        // left end near the colormap's 0, right end near its 1
        assertThat(figure.image().getRGB(r.x, r.y) & 0xFFFFFF).isEqualTo(viridis.rgb8(0));
        assertThat(figure.image().getRGB(r.x + r.width - 1, r.y) & 0xFFFFFF).isEqualTo(viridis.rgb8(1));
    }

    @Test
    void failedCellsAreGrayAndCrossedOut() {
        MethodGrid.Figure figure = MethodGrid.draw(List.of(
                new Row("ok.png", List.of(new Cell(solid(30, 30, 0x112233), "input", ""),
                        new Cell(solid(30, 30, 0x445566), "grad-cam", ""))),
                new Row("broken.png", List.of(Cell.failed("input", "unreadable"), Cell.failed("grad-cam", "")))), BAR);
        Rectangle area = figure.layout().picture(1, 1);
        assertThat(figure.image().getRGB(area.x + 2, area.y + area.height / 2) & 0xFFFFFF).isEqualTo(0xDDDDDD);
        assertThat(figure.image().getRGB(area.x, area.y) & 0xFFFFFF).isEqualTo(0x999999);
        assertThat(figure.placed()[1][1]).isEqualTo(area);
    }

    @Test
    void largePicturesAreScaledDownToTheLimit() {
        MethodGrid.Figure figure = MethodGrid.draw(List.of(new Row("big.jpg",
                List.of(new Cell(solid(800, 400, 0x00FF00), "input", ""), new Cell(solid(800, 400, 0xFF0000), "m", "")))),
                BAR);
        Rectangle at = figure.placed()[0][1];
        assertThat(at.width).isEqualTo(MethodGrid.MAX_PICTURE_SIDE);
        assertThat(at.height).isEqualTo(MethodGrid.MAX_PICTURE_SIDE / 2);
        assertThat(figure.image().getRGB(at.x + at.width / 2, at.y + at.height / 2) & 0xFFFFFF).isEqualTo(0xFF0000);
    }

    @Test
    void titlesAreDrawnInTheirStripsOrTheProblemIsSaid() {
        MethodGrid.Figure figure = MethodGrid.draw(List.of(new Row("circle_1.png",
                List.of(new Cell(solid(40, 40, 0xFFFFFF), "input", ""), new Cell(solid(40, 40, 0xFFFFFF), "saliency",
                        "circle  logit 6.22")))), BAR);
        if (figure.textProblem().isPresent()) {
            assertThat(figure.textProblem().get()).contains("font");
        } else {
            assertThat(darkPixels(figure.image(), figure.layout().title(0, 1))).isPositive();
            assertThat(darkPixels(figure.image(), figure.layout().rowHeader(0))).isPositive();
            assertThat(darkPixels(figure.image(), figure.layout().barLabels())).isPositive();
            // text stays out of the pictures
            assertThat(darkPixels(figure.image(), figure.placed()[0][1])).isZero();
        }
    }

    @Test
    void rowsMustHaveTheSameCells() {
        assertThatThrownBy(() -> MethodGrid.draw(List.of(
                new Row("a", List.of(new Cell(solid(5, 5, 0), "", ""), new Cell(solid(5, 5, 0), "", ""))),
                new Row("b", List.of(new Cell(solid(5, 5, 0), "", "")))), BAR))
                .hasMessageContaining("'b' has 1");
        assertThatThrownBy(() -> MethodGrid.draw(List.of(), BAR)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSamePixels(BufferedImage figure, Rectangle at, BufferedImage picture) {
        assertThat(at.width).isEqualTo(picture.getWidth());
        assertThat(at.height).isEqualTo(picture.getHeight());
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                if ((figure.getRGB(at.x + x, at.y + y) & 0xFFFFFF) != (picture.getRGB(x, y) & 0xFFFFFF)) {
                    throw new AssertionError("pixel (" + x + ", " + y + ") differs");
                }
            }
        }
    }

    private static int darkPixels(BufferedImage image, Rectangle r) {
        int n = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                int rgb = image.getRGB(x, y);
                if ((rgb >> 16 & 0xFF) < 128 && (rgb >> 8 & 0xFF) < 128 && (rgb & 0xFF) < 128) {
                    n++;
                }
            }
        }
        return n;
    }

    private static BufferedImage noise(Random random, int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }

    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }
}
