package dev.loupe.render.figure;

import dev.loupe.core.stability.Experimental;
import java.awt.Rectangle;

/**
 * Where everything of a {@link MethodGrid} goes: a row header strip on the left (the image's
 * name), then {@code columns} cells per row (the input first, then one per method or layer),
 * each cell a two-line title above a picture area, and the colour bar with its labels under
 * the last row, spanning the map columns.
 *
 * @param cellWidth   the width of a cell's picture area: the widest picture, at least {@link #MIN_CELL_WIDTH}
 * @param cellHeight  the height of a cell's picture area: the tallest picture
 */
@Experimental
public record MethodGridLayout(int rows, int columns, int cellWidth, int cellHeight) {

    /** White space between cells and around the figure. */
    public static final int GAP = 6;
    /** Two lines of title above each picture. */
    public static final int TITLE_HEIGHT = 30;
    /** The strip left of each row that names the image. */
    public static final int ROW_HEADER_WIDTH = 104;
    /** Titles need some room even when the pictures are small. */
    public static final int MIN_CELL_WIDTH = 112;
    public static final int BAR_HEIGHT = 14;
    /** The labels under the colour bar. */
    public static final int BAR_LABEL_HEIGHT = 18;

    public MethodGridLayout {
        if (rows < 1 || columns < 2 || cellWidth < MIN_CELL_WIDTH || cellHeight < 1) {
            throw new IllegalArgumentException("a method grid needs a row, the input column and one map column,"
                    + " cells at least " + MIN_CELL_WIDTH + " wide; got " + rows + " rows, " + columns
                    + " columns of " + cellWidth + "x" + cellHeight);
        }
    }

    /** The layout for pictures of at most {@code maxWidth x maxHeight}. */
    public static MethodGridLayout of(int rows, int columns, int maxWidth, int maxHeight) {
        return new MethodGridLayout(rows, columns, Math.max(MIN_CELL_WIDTH, maxWidth), maxHeight);
    }

    public int width() {
        return GAP + ROW_HEADER_WIDTH + GAP + columns * (cellWidth + GAP);
    }

    public int height() {
        return barTop() + BAR_HEIGHT + BAR_LABEL_HEIGHT + GAP;
    }

    private int rowTop(int row) {
        return GAP + row * (TITLE_HEIGHT + cellHeight + GAP);
    }

    private int columnLeft(int column) {
        return GAP + ROW_HEADER_WIDTH + GAP + column * (cellWidth + GAP);
    }

    /** The picture area of cell ({@code row}, {@code column}); a smaller picture is centred in it. */
    public Rectangle picture(int row, int column) {
        check(row, column);
        return new Rectangle(columnLeft(column), rowTop(row) + TITLE_HEIGHT, cellWidth, cellHeight);
    }

    /** The title strip above cell ({@code row}, {@code column}). */
    public Rectangle title(int row, int column) {
        check(row, column);
        return new Rectangle(columnLeft(column), rowTop(row), cellWidth, TITLE_HEIGHT);
    }

    public Rectangle rowHeader(int row) {
        check(row, 0);
        return new Rectangle(GAP, rowTop(row), ROW_HEADER_WIDTH, TITLE_HEIGHT + cellHeight);
    }

    /** The colour bar: under the map columns (all but the input's). */
    public Rectangle bar() {
        int left = columnLeft(1);
        return new Rectangle(left, barTop(), columnLeft(columns) - GAP - left, BAR_HEIGHT);
    }

    public Rectangle barLabels() {
        Rectangle bar = bar();
        return new Rectangle(bar.x, bar.y + BAR_HEIGHT, bar.width, BAR_LABEL_HEIGHT);
    }

    /** Left of the bar, under the row headers and the input column: how the maps were scaled. */
    public Rectangle barCaption() {
        return new Rectangle(GAP, barTop(), columnLeft(1) - 2 * GAP, BAR_HEIGHT + BAR_LABEL_HEIGHT);
    }

    private int barTop() {
        return rowTop(rows);
    }

    private void check(int row, int column) {
        if (row < 0 || row >= rows || column < 0 || column >= columns) {
            throw new IndexOutOfBoundsException("cell (" + row + ", " + column + ") of " + rows + "x" + columns);
        }
    }
}
