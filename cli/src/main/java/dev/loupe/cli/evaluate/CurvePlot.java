package dev.loupe.cli.evaluate;

import dev.loupe.core.stability.Internal;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A line plot of mean curves, one line per method, drawn with java.awt: x from 0 to 1, y from
 * 0 to the largest value (at least 1 for probabilities), both axes labelled and ticked, a legend
 * on the right.
 */
@Internal
public final class CurvePlot {

    /** One line: its label and points. */
    public record Line(String label, double[] x, double[] y) {
    }

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final int LEFT = 70;
    private static final int TOP = 40;
    private static final int PLOT_W = 560;
    private static final int PLOT_H = 400;
    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    private CurvePlot() {
    }

    public static BufferedImage draw(String title, String xLabel, String yLabel, List<Line> lines) {
        double yMin = 0;
        double yMax = 0;
        for (Line line : lines) {
            for (double v : line.y()) {
                if (Double.isFinite(v)) {
                    yMax = Math.max(yMax, v);
                    yMin = Math.min(yMin, v);
                }
            }
        }
        if (yMax <= 1 && yMin >= 0) {
            yMax = 1;
        }
        if (yMax == yMin) {
            yMax = yMin + 1;
        }
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setColor(Color.BLACK);
            axes(g, xLabel, yLabel, yMin, yMax);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, LEFT, TOP - 14);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int i = 0; i < lines.size(); i++) {
                Line line = lines.get(i);
                Color colour = COLOURS[i % COLOURS.length];
                // past ten lines the colours repeat: dash the repeats so they stay apart
                g.setStroke(i < COLOURS.length ? new BasicStroke(2f)
                        : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f));
                g.setColor(colour);
                Path2D.Double path = new Path2D.Double();
                for (int k = 0; k < line.x().length; k++) {
                    double px = LEFT + line.x()[k] * PLOT_W;
                    double py = TOP + PLOT_H - (line.y()[k] - yMin) / (yMax - yMin) * PLOT_H;
                    if (k == 0) {
                        path.moveTo(px, py);
                    } else {
                        path.lineTo(px, py);
                    }
                }
                g.draw(path);
                int ly = TOP + 10 + i * 18;
                g.drawLine(LEFT + PLOT_W + 20, ly - 4, LEFT + PLOT_W + 44, ly - 4);
                g.setColor(Color.BLACK);
                g.drawString(line.label(), LEFT + PLOT_W + 50, ly);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void axes(Graphics2D g, String xLabel, String yLabel, double yMin, double yMax) {
        g.setStroke(new BasicStroke(1f));
        g.drawRect(LEFT, TOP, PLOT_W, PLOT_H);
        FontMetrics fm = g.getFontMetrics();
        for (int t = 0; t <= 5; t++) {
            double fx = t / 5.0;
            int px = LEFT + (int) Math.round(fx * PLOT_W);
            g.drawLine(px, TOP + PLOT_H, px, TOP + PLOT_H + 5);
            String xs = String.format(java.util.Locale.ROOT, "%.1f", fx);
            g.drawString(xs, px - fm.stringWidth(xs) / 2, TOP + PLOT_H + 20);
            double vy = yMin + t / 5.0 * (yMax - yMin);
            int py = TOP + PLOT_H - (int) Math.round(t / 5.0 * PLOT_H);
            g.drawLine(LEFT - 5, py, LEFT, py);
            String ys = String.format(java.util.Locale.ROOT, "%.2f", vy);
            g.drawString(ys, LEFT - 8 - fm.stringWidth(ys), py + 5);
        }
        g.drawString(xLabel, LEFT + (PLOT_W - fm.stringWidth(xLabel)) / 2, TOP + PLOT_H + 42);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(TOP + (PLOT_H + fm.stringWidth(yLabel)) / 2), 18);
        g.setTransform(saved);
    }
}
