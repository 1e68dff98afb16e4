package dev.loupe.render.figure;

import dev.loupe.core.stability.Experimental;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

/**
 * A figure of captioned panels of equal size (see {@link GridLayout}), drawn with java.awt into
 * an image in memory: no display is needed, only fonts for the captions. Panels are copied
 * pixel for pixel, never scaled, so each one is exactly the picture it was given.
 */
@Experimental
public final class PanelGrid {

    /** One panel: a picture and the line of text under it. */
    public record Panel(BufferedImage image, String caption) {
    }

    /**
     * The figure, and why the captions are missing when they are: a JDK without fonts (a bare
     * container) cannot draw text, and a figure without captions is still worth writing.
     */
    public record Figure(BufferedImage image, GridLayout layout, Optional<String> captionProblem) {
    }

    private static final int LARGEST_FONT = 12;
    private static final int SMALLEST_FONT = 8;

    private PanelGrid() {}

    /** @throws IllegalArgumentException when there are no panels or their sizes differ */
    public static Figure draw(List<Panel> panels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a grid needs at least one panel");
        }
        int width = panels.get(0).image().getWidth();
        int height = panels.get(0).image().getHeight();
        for (Panel panel : panels) {
            if (panel.image().getWidth() != width || panel.image().getHeight() != height) {
                throw new IllegalArgumentException("all panels must be " + width + "x" + height + ", '"
                        + panel.caption() + "' is " + panel.image().getWidth() + "x" + panel.image().getHeight());
            }
        }
        GridLayout layout = GridLayout.of(panels.size(), width, height);
        BufferedImage figure = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = figure.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, layout.width(), layout.height());
            for (int i = 0; i < panels.size(); i++) {
                Point at = layout.panel(i);
                g.drawImage(panels.get(i).image(), at.x, at.y, null);
            }
        } finally {
            g.dispose();
        }
        return new Figure(figure, layout, drawCaptions(figure, layout, panels));
    }

    /** Draws the captions; returns the reason when no font could be used. */
    private static Optional<String> drawCaptions(BufferedImage figure, GridLayout layout, List<Panel> panels) {
        Graphics2D g = figure.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            for (int i = 0; i < panels.size(); i++) {
                Point at = layout.panel(i);
                String text = panels.get(i).caption();
                FontMetrics metrics = fit(g, text, layout.panelWidth());
                text = elide(text, metrics, layout.panelWidth());
                int x = at.x + Math.max(0, (layout.panelWidth() - metrics.stringWidth(text)) / 2);
                int baseline = at.y + layout.panelHeight()
                        + (GridLayout.CAPTION_HEIGHT + metrics.getAscent() - metrics.getDescent()) / 2;
                // only the caption strip may be written: a long caption must not spill onto a neighbour
                g.setClip(at.x, at.y + layout.panelHeight(), layout.panelWidth(), GridLayout.CAPTION_HEIGHT);
                g.drawString(text, x, baseline);
            }
            return Optional.empty();
        } catch (RuntimeException | LinkageError | InternalError e) {
            // Without fonts the JDK fails in font lookup (an Error or NPE, depending on the JDK); the
            // panels are complete, and the layer names are in run.json.
            return Optional.of("the captions could not be drawn (" + e + "); is a font installed?");
        } finally {
            g.dispose();
        }
    }

    /** The largest font from 12 down to 8 points in which the text fits the panel's width. */
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

    /** Drops characters from the front (a layer path's end is its most specific part) until it fits. */
    private static String elide(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        for (int cut = 1; cut < text.length(); cut++) {
            String shorter = "\u2026" + text.substring(cut);
            if (metrics.stringWidth(shorter) <= width) {
                return shorter;
            }
        }
        return text.substring(text.length() - 1);
    }
}
