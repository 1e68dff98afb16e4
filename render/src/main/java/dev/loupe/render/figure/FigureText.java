package dev.loupe.render.figure;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;

/**
 * Text in a box: the largest font from 12 down to 8 points that fits the box's width, cut with
 * an ellipsis when even 8 points do not, and clipped to the box so it never spills onto a
 * neighbouring picture.
 */
final class FigureText {

    enum Align { LEFT, CENTRE, RIGHT }

    private static final int LARGEST_FONT = 12;
    private static final int SMALLEST_FONT = 8;

    private FigureText() {}

    /** Draws {@code text} vertically centred in {@code box}. */
    static void draw(Graphics2D g, String text, Rectangle box, Align align) {
        if (text == null || text.isEmpty() || box.width < 1 || box.height < 1) {
            return;
        }
        FontMetrics metrics = fit(g, text, box.width);
        String shown = elideEnd(text, metrics, box.width);
        int width = metrics.stringWidth(shown);
        int x = switch (align) {
            case LEFT -> box.x;
            case CENTRE -> box.x + Math.max(0, (box.width - width) / 2);
            case RIGHT -> box.x + Math.max(0, box.width - width);
        };
        int baseline = box.y + (box.height + metrics.getAscent() - metrics.getDescent()) / 2;
        java.awt.Shape clip = g.getClip();
        g.setClip(box);
        g.drawString(shown, x, baseline);
        g.setClip(clip);
    }

    private static FontMetrics fit(Graphics2D g, String text, int width) {
        FontMetrics metrics = null;
        for (int size = LARGEST_FONT; size >= SMALLEST_FONT; size--) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
            metrics = g.getFontMetrics();
            if (metrics.stringWidth(text) <= width) {
                break;
            }
        }
        return metrics;
    }

    /** Keeps the start (a file name's or method's most telling part) and marks the cut. */
    private static String elideEnd(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        for (int keep = text.length() - 1; keep > 0; keep--) {
            String shorter = text.substring(0, keep) + "\u2026";
            if (metrics.stringWidth(shorter) <= width) {
                return shorter;
            }
        }
        return text.substring(0, 1);
    }
}
