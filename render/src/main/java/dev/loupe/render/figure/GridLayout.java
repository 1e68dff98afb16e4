package dev.loupe.render.figure;

import dev.loupe.core.stability.Experimental;
import java.awt.Point;

/**
 * Where the panels of a {@link PanelGrid} go: {@code count} panels of equal size, row by row,
 * in a near-square grid ({@code ceil(sqrt(count))} columns), each with a caption strip below it
 * and a white gap around it.
 *
 * @param panelWidth   the width of a panel's picture (the image's)
 * @param panelHeight  the height of a panel's picture, caption not included
 */
@Experimental
public record GridLayout(int count, int columns, int rows, int panelWidth, int panelHeight) {

    /** White space between panels and around the figure. */
    public static final int GAP = 6;
    /** The caption strip under each panel. */
    public static final int CAPTION_HEIGHT = 18;

    public GridLayout {
        if (count < 1 || panelWidth < 1 || panelHeight < 1) {
            throw new IllegalArgumentException("a grid needs at least one panel of positive size, got " + count
                    + " panels of " + panelWidth + "x" + panelHeight);
        }
    }

    public static GridLayout of(int count, int panelWidth, int panelHeight) {
        int columns = (int) Math.ceil(Math.sqrt(count));
        int rows = (count + columns - 1) / columns;
        return new GridLayout(count, columns, rows, panelWidth, panelHeight);
    }

    public int width() {
        return columns * panelWidth + (columns + 1) * GAP;
    }

    public int height() {
        return rows * (panelHeight + CAPTION_HEIGHT) + (rows + 1) * GAP;
    }

    /** The top-left corner of panel {@code index}'s picture. */
    public Point panel(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("panel " + index + " of " + count);
        }
        int column = index % columns;
        int row = index / columns;
        return new Point(GAP + column * (panelWidth + GAP), GAP + row * (panelHeight + CAPTION_HEIGHT + GAP));
    }
}
