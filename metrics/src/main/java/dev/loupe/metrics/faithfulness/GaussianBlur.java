package dev.loupe.metrics.faithfulness;

/**
 * A separable Gaussian blur of each channel, kernel radius ceil(3 sigma), edges clamped
 * (the border pixel repeats), weights normalised to sum 1.
 */
final class GaussianBlur {

    private GaussianBlur() {
    }

    static float[] apply(float[] chw, int channels, int height, int width, double sigma) {
        if (sigma <= 0) {
            return chw.clone();
        }
        int radius = (int) Math.ceil(3 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double total = 0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-k * k / (2 * sigma * sigma));
            total += kernel[k + radius];
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= total;
        }
        float[] out = new float[chw.length];
        double[] rows = new double[height * width];
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            int base = c * plane;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int xx = Math.min(width - 1, Math.max(0, x + k));
                        acc += kernel[k + radius] * chw[base + y * width + xx];
                    }
                    rows[y * width + x] = acc;
                }
            }
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int yy = Math.min(height - 1, Math.max(0, y + k));
                        acc += kernel[k + radius] * rows[yy * width + x];
                    }
                    out[base + y * width + x] = (float) acc;
                }
            }
        }
        return out;
    }
}
