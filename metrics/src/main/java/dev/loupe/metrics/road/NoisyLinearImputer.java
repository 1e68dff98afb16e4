package dev.loupe.metrics.road;

import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.NoiseSource;

/**
 * ROAD's noisy linear imputation (Rong et al. 2022). Every removed pixel takes the weighted mean
 * of its in-image neighbours, weight 1/6 for the four edge neighbours and 1/12 for the four
 * diagonal ones, where a neighbour may itself be removed: all removed pixels of a channel are
 * solved for jointly, as one sparse linear system
 * {@code sum_j w_ij * v_i - sum_{j removed} w_ij * v_j = sum_{j kept} w_ij * x_j}, by conjugate
 * gradients (the matrix is symmetric and, with at least one kept pixel, positive definite).
 * Gaussian noise of standard deviation {@code noise} is then added to the imputed values only.
 */
@Internal
public final class NoisyLinearImputer {

    private static final int[] DY = {-1, -1, -1, 0, 0, 1, 1, 1};
    private static final int[] DX = {-1, 0, 1, -1, 1, -1, 0, 1};
    private static final double[] WEIGHT = {1 / 12.0, 1 / 6.0, 1 / 12.0, 1 / 6.0, 1 / 6.0, 1 / 12.0, 1 / 6.0, 1 / 12.0};
    /** Relative residual at which conjugate gradients stop: far below float32 precision of the result. */
    static final double TOLERANCE = 1e-10;

    private NoisyLinearImputer() {
    }

    /**
     * A copy of {@code chw} with the pixels where {@code removed} is true imputed.
     *
     * @throws IllegalArgumentException when every pixel is removed (nothing to impute from)
     */
    public static float[] impute(float[] chw, int channels, int height, int width, boolean[] removed, double noise,
            NoiseSource source) {
        int pixels = height * width;
        int[] unknown = new int[pixels];
        int count = 0;
        for (int p = 0; p < pixels; p++) {
            unknown[p] = removed[p] ? count++ : -1;
        }
        float[] out = chw.clone();
        if (count == 0) {
            return out;
        }
        if (count == pixels) {
            throw new IllegalArgumentException("every pixel is removed: ROAD needs at least one kept pixel to impute from");
        }
        int[] position = new int[count];
        for (int p = 0; p < pixels; p++) {
            if (unknown[p] >= 0) {
                position[unknown[p]] = p;
            }
        }
        SparseSystem system = SparseSystem.of(position, unknown, height, width);
        float[] draws = noise > 0 ? source.nextStandardNormal((long) channels * count).data() : null;
        for (int c = 0; c < channels; c++) {
            int base = c * pixels;
            double[] rhs = new double[count];
            for (int u = 0; u < count; u++) {
                int p = position[u];
                for (int k = 0; k < 8; k++) {
                    int q = system.neighbour(p, k);
                    if (q >= 0 && unknown[q] < 0) {
                        rhs[u] += WEIGHT[k] * chw[base + q];
                    }
                }
            }
            double[] v = system.solve(rhs);
            for (int u = 0; u < count; u++) {
                double value = v[u] + (draws == null ? 0 : noise * draws[c * count + u]);
                out[base + position[u]] = (float) value;
            }
        }
        return out;
    }

    /** The system's matrix, matrix-free: per unknown its diagonal and its removed neighbours. */
    private record SparseSystem(int height, int width, double[] diagonal, int[][] others, double[][] weights) {

        static SparseSystem of(int[] position, int[] unknown, int height, int width) {
            int n = position.length;
            double[] diagonal = new double[n];
            int[][] others = new int[n][];
            double[][] weights = new double[n][];
            SparseSystem shape = new SparseSystem(height, width, null, null, null);
            for (int u = 0; u < n; u++) {
                int[] o = new int[8];
                double[] w = new double[8];
                int m = 0;
                for (int k = 0; k < 8; k++) {
                    int q = shape.neighbour(position[u], k);
                    if (q < 0) {
                        continue;
                    }
                    diagonal[u] += WEIGHT[k];
                    if (unknown[q] >= 0) {
                        o[m] = unknown[q];
                        w[m++] = WEIGHT[k];
                    }
                }
                others[u] = java.util.Arrays.copyOf(o, m);
                weights[u] = java.util.Arrays.copyOf(w, m);
            }
            return new SparseSystem(height, width, diagonal, others, weights);
        }

        /** The pixel index of neighbour {@code k} of pixel {@code p}, or -1 outside the image. */
        int neighbour(int p, int k) {
            int y = p / width + DY[k];
            int x = p % width + DX[k];
            return y < 0 || y >= height || x < 0 || x >= width ? -1 : y * width + x;
        }

        void multiply(double[] v, double[] out) {
            for (int u = 0; u < v.length; u++) {
                double acc = diagonal[u] * v[u];
                int[] o = others[u];
                double[] w = weights[u];
                for (int m = 0; m < o.length; m++) {
                    acc -= w[m] * v[o[m]];
                }
                out[u] = acc;
            }
        }

        /** Conjugate gradients with a Jacobi (diagonal) preconditioner, from zero. */
        double[] solve(double[] rhs) {
            int n = rhs.length;
            double[] x = new double[n];
            double[] r = rhs.clone();
            double[] z = new double[n];
            double[] p = new double[n];
            double[] ap = new double[n];
            double rhsNorm = Math.sqrt(dot(rhs, rhs));
            if (rhsNorm == 0) {
                return x;
            }
            for (int i = 0; i < n; i++) {
                z[i] = r[i] / diagonal[i];
                p[i] = z[i];
            }
            double rz = dot(r, z);
            for (int iteration = 0; iteration < 10 * n + 100; iteration++) {
                multiply(p, ap);
                double alpha = rz / dot(p, ap);
                for (int i = 0; i < n; i++) {
                    x[i] += alpha * p[i];
                    r[i] -= alpha * ap[i];
                }
                if (Math.sqrt(dot(r, r)) <= TOLERANCE * rhsNorm) {
                    return x;
                }
                for (int i = 0; i < n; i++) {
                    z[i] = r[i] / diagonal[i];
                }
                double next = dot(r, z);
                double beta = next / rz;
                rz = next;
                for (int i = 0; i < n; i++) {
                    p[i] = z[i] + beta * p[i];
                }
            }
            throw new IllegalStateException("ROAD imputation did not converge for " + n + " removed pixels");
        }

        private static double dot(double[] a, double[] b) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += a[i] * b[i];
            }
            return s;
        }
    }
}
