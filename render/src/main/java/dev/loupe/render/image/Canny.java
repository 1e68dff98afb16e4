package dev.loupe.render.image;

import dev.loupe.core.stability.Experimental;
import java.util.ArrayDeque;

/**
 * A small Canny edge detector (Canny 1986) for the edge-map background some tutorials draw
 * heatmaps on: luminance, Gaussian blur (5x5, sigma 1.4), Sobel gradients, non-maximum
 * suppression along the gradient direction (quantised to 0, 45, 90, 135 degrees), and a double
 * threshold with hysteresis (8-connected). Thresholds are fractions of the largest gradient
 * magnitude, so the result does not depend on the image's contrast: {@code high} 0.2 and
 * {@code low} 0.1 by default. Borders are replicated.
 */
@Experimental
public final class Canny {

    public static final double HIGH = 0.2;
    public static final double LOW = 0.1;
    private static final double SIGMA = 1.4;
    private static final int RADIUS = 2;

    private Canny() {}

    /** Edge pixels of {@code image}, row-major, with the default thresholds. */
    public static boolean[] edges(RgbImage image) {
        return edges(luminance(image), image.height(), image.width(), LOW, HIGH);
    }

    /** ITU-R BT.601 luma, as OpenCV's RGB2GRAY. */
    static float[] luminance(RgbImage image) {
        int plane = image.width() * image.height();
        float[] c = image.chw();
        float[] gray = new float[plane];
        for (int i = 0; i < plane; i++) {
            gray[i] = 0.299f * c[i] + 0.587f * c[plane + i] + 0.114f * c[2 * plane + i];
        }
        return gray;
    }

    static boolean[] edges(float[] gray, int height, int width, double low, double high) {
        if (!(0 <= low && low <= high && high <= 1)) {
            throw new IllegalArgumentException("need 0 <= low <= high <= 1, got " + low + ", " + high);
        }
        float[] smooth = blur(gray, height, width);
        float[] gx = new float[gray.length];
        float[] gy = new float[gray.length];
        float[] magnitude = new float[gray.length];
        float max = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float a = at(smooth, height, width, y - 1, x - 1), b = at(smooth, height, width, y - 1, x);
                float c = at(smooth, height, width, y - 1, x + 1), d = at(smooth, height, width, y, x - 1);
                float f = at(smooth, height, width, y, x + 1), g = at(smooth, height, width, y + 1, x - 1);
                float h = at(smooth, height, width, y + 1, x), k = at(smooth, height, width, y + 1, x + 1);
                int i = y * width + x;
                gx[i] = (c + 2 * f + k) - (a + 2 * d + g);
                gy[i] = (g + 2 * h + k) - (a + 2 * b + c);
                magnitude[i] = (float) Math.hypot(gx[i], gy[i]);
                max = Math.max(max, magnitude[i]);
            }
        }
        boolean[] out = new boolean[gray.length];
        if (max == 0) {
            return out; // a flat image has no edges
        }
        byte[] state = new byte[gray.length]; // 0 none, 1 weak, 2 strong
        ArrayDeque<Integer> strong = new ArrayDeque<>();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                float m = magnitude[i];
                if (m < low * max || !isRidge(magnitude, height, width, y, x, gx[i], gy[i])) {
                    continue;
                }
                state[i] = (byte) (m >= high * max ? 2 : 1);
                if (state[i] == 2) {
                    strong.add(i);
                }
            }
        }
        // hysteresis: weak pixels count only when connected to a strong one
        while (!strong.isEmpty()) {
            int i = strong.poll();
            if (out[i]) {
                continue;
            }
            out[i] = true;
            int y = i / width;
            int x = i % width;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int ny = y + dy;
                    int nx = x + dx;
                    if (ny >= 0 && ny < height && nx >= 0 && nx < width && state[ny * width + nx] > 0
                            && !out[ny * width + nx]) {
                        strong.add(ny * width + nx);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Non-maximum suppression: at least the neighbour behind along the gradient, more than the
     * one ahead, so a step between two pixels of equal magnitude keeps exactly one of them (the
     * one further along +x or +y).
     */
    private static boolean isRidge(float[] m, int height, int width, int y, int x, float gx, float gy) {
        double angle = Math.toDegrees(Math.atan2(gy, gx));
        if (angle < 0) {
            angle += 180;
        }
        int dx;
        int dy;
        if (angle < 22.5 || angle >= 157.5) {
            dx = 1;
            dy = 0;
        } else if (angle < 67.5) {
            dx = 1;
            dy = 1;
        } else if (angle < 112.5) {
            dx = 0;
            dy = 1;
        } else {
            dx = -1;
            dy = 1;
        }
        float here = m[y * width + x];
        return here >= at(m, height, width, y - dy, x - dx) && here > at(m, height, width, y + dy, x + dx);
    }

    private static float[] blur(float[] gray, int height, int width) {
        double[] kernel = new double[2 * RADIUS + 1];
        double sum = 0;
        for (int i = -RADIUS; i <= RADIUS; i++) {
            kernel[i + RADIUS] = Math.exp(-i * i / (2 * SIGMA * SIGMA));
            sum += kernel[i + RADIUS];
        }
        float[] rows = new float[gray.length];
        float[] out = new float[gray.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double acc = 0;
                for (int k = -RADIUS; k <= RADIUS; k++) {
                    acc += kernel[k + RADIUS] * at(gray, height, width, y, x + k);
                }
                rows[y * width + x] = (float) (acc / sum);
            }
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double acc = 0;
                for (int k = -RADIUS; k <= RADIUS; k++) {
                    acc += kernel[k + RADIUS] * at(rows, height, width, y + k, x);
                }
                out[y * width + x] = (float) (acc / sum);
            }
        }
        return out;
    }

    /** The value at (y, x) with the border replicated. */
    private static float at(float[] v, int height, int width, int y, int x) {
        int cy = Math.min(Math.max(y, 0), height - 1);
        int cx = Math.min(Math.max(x, 0), width - 1);
        return v[cy * width + cx];
    }
}
