package dev.loupe.methods.cam;

import dev.loupe.core.tensor.FloatArray;

/**
 * The projection of one image's activations on their first principal component, for Eigen-CAM.
 * The singular vector is the top eigenvector of the smaller Gram matrix (positions x positions or
 * channels x channels, at most min(h w, C) square), in double precision: by power iteration,
 * which converges fast when the first component stands out (the case Eigen-CAM is meant for),
 * else by cyclic Jacobi rotations, slower but exact for any symmetric matrix.
 */
final class PrincipalComponent {

    private static final int MAX_SWEEPS = 100;
    private static final int MAX_POWER_STEPS = 500;
    private static final double POWER_TOLERANCE = 1e-12;

    private PrincipalComponent() {
    }

    /**
     * (C, h, w) activations to h w values: M = activations as (h w, C), each column centred; the
     * result is M v for v the first right singular vector, oriented so that its dot product with
     * the channel sums of the activations is not negative. NaN activations count as 0.
     */
    static float[] projection(FloatArray activations) {
        long[] s = activations.shape();
        int channels = (int) s[0];
        int positions = (int) (s[1] * s[2]);
        double[][] m = new double[positions][channels];
        double[] channelSums = new double[positions];
        float[] a = activations.data();
        for (int k = 0; k < channels; k++) {
            double mean = 0;
            for (int i = 0; i < positions; i++) {
                float v = a[k * positions + i];
                m[i][k] = Float.isNaN(v) ? 0 : v;
                channelSums[i] += m[i][k];
                mean += m[i][k];
            }
            mean /= positions;
            for (int i = 0; i < positions; i++) {
                m[i][k] -= mean;
            }
        }
        double[] p = positions <= channels ? fromLeftVector(m) : fromRightVector(m);
        double alignment = 0;
        for (int i = 0; i < positions; i++) {
            alignment += p[i] * channelSums[i];
        }
        float[] out = new float[positions];
        for (int i = 0; i < positions; i++) {
            out[i] = (float) (alignment < 0 ? -p[i] : p[i]);
        }
        return out;
    }

    /** M M^T = U S^2 U^T, so M v_1 = s_1 u_1. */
    private static double[] fromLeftVector(double[][] m) {
        int n = m.length;
        double[][] gram = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < m[i].length; k++) {
                    dot += m[i][k] * m[j][k];
                }
                gram[i][j] = dot;
                gram[j][i] = dot;
            }
        }
        Eigen top = largestEigen(gram);
        double scale = Math.sqrt(Math.max(top.value(), 0));
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = scale * top.vector()[i];
        }
        return p;
    }

    /** M^T M = V S^2 V^T; project on v_1. */
    private static double[] fromRightVector(double[][] m) {
        int c = m[0].length;
        double[][] gram = new double[c][c];
        for (double[] row : m) {
            for (int i = 0; i < c; i++) {
                for (int j = i; j < c; j++) {
                    gram[i][j] += row[i] * row[j];
                }
            }
        }
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < i; j++) {
                gram[i][j] = gram[j][i];
            }
        }
        double[] v = largestEigen(gram).vector();
        double[] p = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            for (int k = 0; k < c; k++) {
                p[i] += m[i][k] * v[k];
            }
        }
        return p;
    }

    record Eigen(double value, double[] vector) {
    }

    /** The largest eigenvalue of a symmetric positive semi-definite matrix and a unit eigenvector (destroys {@code a}). */
    static Eigen largestEigen(double[][] a) {
        Eigen quick = powerIteration(a);
        return quick != null ? quick : jacobi(a);
    }

    /** Power iteration from a fixed start; null when it has not converged within the step limit. */
    static Eigen powerIteration(double[][] a) {
        int n = a.length;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 1 + (double) i / n; // fixed and generic: not orthogonal to the top eigenvector in practice
        }
        normalise(v);
        double[] next = new double[n];
        for (int step = 0; step < MAX_POWER_STEPS; step++) {
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += a[i][j] * v[j];
                }
                next[i] = sum;
            }
            double value = normalise(next);
            if (value == 0) {
                return new Eigen(0, v.clone());
            }
            double change = 0;
            for (int i = 0; i < n; i++) {
                change = Math.max(change, Math.abs(next[i] - v[i]));
            }
            System.arraycopy(next, 0, v, 0, n);
            if (change < POWER_TOLERANCE) {
                return new Eigen(value, v);
            }
        }
        return null;
    }

    private static double normalise(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
        return norm;
    }

    /** The largest eigenvalue and a unit eigenvector by cyclic Jacobi rotations (destroys {@code a}). */
    static Eigen jacobi(double[][] a) {
        int n = a.length;
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double offDiagonal = 0;
            double diagonal = 0;
            for (int i = 0; i < n; i++) {
                diagonal += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) {
                    offDiagonal += a[i][j] * a[i][j];
                }
            }
            if (offDiagonal <= 1e-30 * diagonal || offDiagonal == 0) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] != 0) {
                        rotate(a, v, p, q);
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (a[i][i] > a[best][best]) {
                best = i;
            }
        }
        double[] vector = new double[n];
        for (int i = 0; i < n; i++) {
            vector[i] = v[i][best];
        }
        return new Eigen(a[best][best], vector);
    }

    /** One Jacobi rotation that zeroes a[p][q], applied to a (both sides) and accumulated in v. */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double sn = t * c;
        int n = a.length;
        for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - sn * akq;
            a[k][q] = sn * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - sn * aqk;
            a[q][k] = sn * apk + c * aqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - sn * vkq;
            v[k][q] = sn * vkp + c * vkq;
        }
    }
}
