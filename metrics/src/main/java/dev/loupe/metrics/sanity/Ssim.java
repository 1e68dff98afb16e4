package dev.loupe.metrics.sanity;

import dev.loupe.core.stability.Internal;

/**
 * Structural similarity (Wang et al. 2004, their ssim_index.m) of two (h, w) maps with values in
 * [0, 1]: data range L = 1, C1 = (0.01 L)^2, C2 = (0.03 L)^2, an 11x11 Gaussian window with
 * sigma 1.5 (normalised to sum 1), window-weighted local means, variances and covariance, and the
 * mean of the SSIM map over the positions where the window fits entirely. Maps smaller than 11
 * pixels on a side (CAMs at a layer's resolution) use the largest odd window n <= min(h, w): the
 * same Gaussian truncated to n x n and renormalised.
 */
@Internal
public final class Ssim {

    static final double C1 = 0.01 * 0.01;
    static final double C2 = 0.03 * 0.03;
    static final double SIGMA = 1.5;
    static final int WINDOW = 11;

    private Ssim() {
    }

    public static double of(double[] a, double[] b, int h, int w) {
        if (a.length != h * w || b.length != h * w) {
            throw new IllegalArgumentException("SSIM of " + a.length + " and " + b.length + " values as " + h + "x" + w);
        }
        double[][] k = window(Math.min(h, w));
        int n = k.length;
        double total = 0;
        for (int y = 0; y + n <= h; y++) {
            for (int x = 0; x + n <= w; x++) {
                double ma = 0;
                double mb = 0;
                double saa = 0;
                double sbb = 0;
                double sab = 0;
                for (int dy = 0; dy < n; dy++) {
                    for (int dx = 0; dx < n; dx++) {
                        double weight = k[dy][dx];
                        double va = a[(y + dy) * w + x + dx];
                        double vb = b[(y + dy) * w + x + dx];
                        ma += weight * va;
                        mb += weight * vb;
                        saa += weight * va * va;
                        sbb += weight * vb * vb;
                        sab += weight * va * vb;
                    }
                }
                double varA = saa - ma * ma;
                double varB = sbb - mb * mb;
                double cov = sab - ma * mb;
                total += (2 * ma * mb + C1) * (2 * cov + C2) / ((ma * ma + mb * mb + C1) * (varA + varB + C2));
            }
        }
        return total / ((h - n + 1) * (w - n + 1));
    }

    static double[][] window(int smallestSide) {
        int n = smallestSide >= WINDOW ? WINDOW : (smallestSide % 2 == 1 ? smallestSide : smallestSide - 1);
        if (n < 1) {
            throw new IllegalArgumentException("SSIM needs a map of at least 1x1");
        }
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            double r = i - (n - 1) / 2.0;
            g[i] = Math.exp(-r * r / (2 * SIGMA * SIGMA));
        }
        double[][] k = new double[n][n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k[i][j] = g[i] * g[j];
                sum += k[i][j];
            }
        }
        for (double[] row : k) {
            for (int j = 0; j < n; j++) {
                row[j] /= sum;
            }
        }
        return k;
    }
}
