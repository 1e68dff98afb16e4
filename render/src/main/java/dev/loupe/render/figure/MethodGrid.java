package dev.loupe.render.figure;

import dev.loupe.core.stability.Experimental;
import dev.loupe.render.color.Colormap;
import dev.loupe.render.figure.FigureText.Align;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A comparison figure: one row per image (its name on the left, the image itself first), one
 * column per method or layer, each cell titled, and a colour bar under the maps, drawn with
 * java.awt into an image in memory (headless). Pictures are copied pixel for pixel and centred
 * in their cell; only a picture over {@link #MAX_PICTURE_SIDE} on its longer side is scaled down
 * (bilinear), so that a run on large photos still gives a figure of sensible size.
 */
@Experimental
public final class MethodGrid {

    /** The longest side a picture keeps in the figure. */
    public static final int MAX_PICTURE_SIDE = 384;

    private static final Color FAILED_FILL = new Color(0xDD, 0xDD, 0xDD);
    private static final Color FAILED_MARK = new Color(0x99, 0x99, 0x99);

    /**
     * One cell: its picture ({@code null} for a cell that failed: drawn gray and crossed out) and
     * two title lines.
     */
    public record Cell(BufferedImage picture, String title, String subtitle) {
        public static Cell failed(String title, String why) {
            return new Cell(null, title, why);
        }
    }

    /** One image's row: its name, then its cells (the input first). */
    public record Row(String header, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /**
     * The colour bar: the colormap from 0 (left) to 1 (right), with what its ends and middle
     * mean (low and high, -max, 0 and +max for a signed map, or numbers when the scale is shared;
     * any may be empty) and a caption for how maps were scaled.
     */
    public record ColourBar(Colormap colormap, String low, String middle, String high, String caption) {
        public ColourBar {
            Objects.requireNonNull(colormap, "colormap");
        }

        /** The value the bar shows at pixel {@code i} of {@code width}: the pixel's centre. */
        public static double valueAt(int i, int width) {
            return (i + 0.5) / width;
        }
    }

    /**
     * The figure; {@code placed[row][column]} is where each picture went (for a failed cell, the
     * whole picture area), and {@code textProblem} why titles are missing when a JDK without fonts
     * could not draw them.
     */
    public record Figure(BufferedImage image, MethodGridLayout layout, Rectangle[][] placed, Optional<String> textProblem) {
    }

    private MethodGrid() {}

    /** @throws IllegalArgumentException when there are no rows, or rows differ in their number of cells */
    public static Figure draw(List<Row> rows, ColourBar bar) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a method grid needs at least one row");
        }
        int columns = rows.get(0).cells().size();
        int maxWidth = 1;
        int maxHeight = 1;
        BufferedImage[][] pictures = new BufferedImage[rows.size()][columns];
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            if (row.cells().size() != columns) {
                throw new IllegalArgumentException("every row needs " + columns + " cells; '" + row.header() + "' has "
                        + row.cells().size());
            }
            for (int c = 0; c < columns; c++) {
                BufferedImage picture = row.cells().get(c).picture();
                if (picture != null) {
                    pictures[r][c] = fit(picture);
                    maxWidth = Math.max(maxWidth, pictures[r][c].getWidth());
                    maxHeight = Math.max(maxHeight, pictures[r][c].getHeight());
                }
            }
        }
        MethodGridLayout layout = MethodGridLayout.of(rows.size(), columns, maxWidth, maxHeight);
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Rectangle[][] placed = new Rectangle[rows.size()][columns];
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, layout.width(), layout.height());
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < columns; c++) {
                    placed[r][c] = drawPicture(g, pictures[r][c], layout.picture(r, c));
                }
            }
        } finally {
            g.dispose();
        }
        drawBar(image, layout.bar(), bar.colormap());
        return new Figure(image, layout, placed, drawText(image, layout, rows, bar));
    }

    private static Rectangle drawPicture(Graphics2D g, BufferedImage picture, Rectangle area) {
        if (picture == null) {
            g.setColor(FAILED_FILL);
            g.fillRect(area.x, area.y, area.width, area.height);
            g.setColor(FAILED_MARK);
            g.drawLine(area.x, area.y, area.x + area.width - 1, area.y + area.height - 1);
            g.drawLine(area.x, area.y + area.height - 1, area.x + area.width - 1, area.y);
            return area;
        }
        int x = area.x + (area.width - picture.getWidth()) / 2;
        int y = area.y + (area.height - picture.getHeight()) / 2;
        g.drawImage(picture, x, y, null);
        return new Rectangle(x, y, picture.getWidth(), picture.getHeight());
    }

    /** Each pixel column of the bar is the colormap at that column's centre, the same lookup the heatmaps use. */
    private static void drawBar(BufferedImage image, Rectangle bar, Colormap colormap) {
        for (int i = 0; i < bar.width; i++) {
            int rgb = colormap.rgb8(ColourBar.valueAt(i, bar.width));
            for (int y = bar.y; y < bar.y + bar.height; y++) {
                image.setRGB(bar.x + i, y, rgb);
            }
        }
    }

    /** The picture, or a copy scaled down to {@link #MAX_PICTURE_SIDE} on its longer side. */
    public static BufferedImage fit(BufferedImage picture) {
        int longer = Math.max(picture.getWidth(), picture.getHeight());
        if (longer <= MAX_PICTURE_SIDE) {
            return picture;
        }
        double scale = (double) MAX_PICTURE_SIDE / longer;
        int w = Math.max(1, (int) Math.round(picture.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(picture.getHeight() * scale));
        BufferedImage smaller = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smaller.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(picture, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return smaller;
    }

    /** Titles, row headers and bar labels; returns the reason when no font could be used. */
    private static Optional<String> drawText(BufferedImage image, MethodGridLayout layout, List<Row> rows, ColourBar bar) {
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            int line = MethodGridLayout.TITLE_HEIGHT / 2;
            for (int r = 0; r < rows.size(); r++) {
                Row row = rows.get(r);
                FigureText.draw(g, row.header(), layout.rowHeader(r), Align.RIGHT);
                for (int c = 0; c < row.cells().size(); c++) {
                    Cell cell = row.cells().get(c);
                    Rectangle title = layout.title(r, c);
                    FigureText.draw(g, cell.title(), new Rectangle(title.x, title.y, title.width, line), Align.CENTRE);
                    FigureText.draw(g, cell.subtitle(), new Rectangle(title.x, title.y + line, title.width, line),
                            Align.CENTRE);
                    if (cell.picture() == null) {
                        FigureText.draw(g, "failed", layout.picture(r, c), Align.CENTRE);
                    }
                }
            }
            Rectangle labels = layout.barLabels();
            int third = labels.width / 3;
            FigureText.draw(g, bar.low(), new Rectangle(labels.x, labels.y, third, labels.height), Align.LEFT);
            FigureText.draw(g, bar.middle(), new Rectangle(labels.x + third, labels.y, labels.width - 2 * third,
                    labels.height), Align.CENTRE);
            FigureText.draw(g, bar.high(), new Rectangle(labels.x + labels.width - third, labels.y, third,
                    labels.height), Align.RIGHT);
            FigureText.draw(g, bar.caption(), layout.barCaption(), Align.RIGHT);
            return Optional.empty();
        } catch (RuntimeException | LinkageError | InternalError e) {
            // Without fonts the JDK fails in font lookup (an Error or NPE, depending on the JDK); the
            // pictures and the bar are complete, and run.json names every cell.
            return Optional.of("the titles could not be drawn (" + e + "); is a font installed?");
        } finally {
            g.dispose();
        }
    }
}
