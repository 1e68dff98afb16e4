package dev.loupe.methods.cam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.loupe.core.tensor.FloatArray;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrincipalComponentTest {

    @Test
    void largestEigenpairOfAKnownMatrix() {
        // eigenvalues 1 and 3; (1, 1)/sqrt 2 for 3
        PrincipalComponent.Eigen e = PrincipalComponent.largestEigen(new double[][] {{2, 1}, {1, 2}});
        assertEquals(3, e.value(), 1e-12);
        assertEquals(Math.abs(e.vector()[0]), Math.abs(e.vector()[1]), 1e-12);
        assertEquals(1, Math.hypot(e.vector()[0], e.vector()[1]), 1e-12);
    }

    @Test
    void powerIterationAndJacobiAgree() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 12;
        double[][] m = new double[30][n];
        for (double[] row : m) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextDouble() - 0.5 + (j == 0 ? 2 : 0);
            }
        }
        double[][] gram = new double[n][n];
        for (double[] row : m) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    gram[i][j] += row[i] * row[j];
                }
            }
        }
        double[][] copy = new double[n][];
        for (int i = 0; i < n; i++) {
            copy[i] = gram[i].clone();
        }
        PrincipalComponent.Eigen power = PrincipalComponent.powerIteration(gram);
        PrincipalComponent.Eigen exact = PrincipalComponent.jacobi(copy);
        assertEquals(exact.value(), power.value(), 1e-9 * exact.value());
        double dot = 0;
        for (int i = 0; i < n; i++) {
            dot += power.vector()[i] * exact.vector()[i];
        }
        assertEquals(1, Math.abs(dot), 1e-9);
    }

    /** Rank one after centring: A^k = a_k u + b_k, so the projection is u - mean(u) up to scale, oriented. */
    @Test
    void rankOneActivationsProjectOntoTheirPattern() {
        SplittableRandom random = new SplittableRandom(3);
        for (int[] size : new int[][] {{5, 2, 3}, {3, 4, 4}}) { // fewer and more channels than positions
            int channels = size[0];
            int positions = size[1] * size[2];
            double[] u = new double[positions];
            for (int i = 0; i < positions; i++) {
                u[i] = random.nextDouble();
            }
            float[] a = new float[channels * positions];
            for (int k = 0; k < channels; k++) {
                double scale = 0.5 + k;
                for (int i = 0; i < positions; i++) {
                    a[k * positions + i] = (float) (scale * u[i] + k);
                }
            }
            float[] p = PrincipalComponent.projection(new FloatArray(a, new long[] {channels, size[1], size[2]}));
            double mean = java.util.Arrays.stream(u).average().orElseThrow();
            double ratio = p[0] / (u[0] - mean);
            assertEquals(true, ratio > 0, "oriented along the activations");
            for (int i = 0; i < positions; i++) {
                assertEquals((u[i] - mean) * ratio, p[i], 1e-4 * Math.abs(ratio));
            }
        }
    }
}
