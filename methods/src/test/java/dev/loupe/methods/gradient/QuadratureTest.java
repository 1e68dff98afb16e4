package dev.loupe.methods.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Integration rules: Captum's points, and Gauss-Legendre against numpy's leggauss. */
class QuadratureTest {

    /** numpy.polynomial.legendre.leggauss(n) mapped to [0, 1], saved by make_gradient_references.py. */
    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {16, 50})
    void gaussLegendreMatchesNumpy(int n) {
        String json = GradientFixtures.read("reference/shapes_cnn/gradient/gauss_legendre.json");
        int at = json.indexOf("\"" + n + "\"");
        double[] points = GradientFixtures.numbers(json, "points", at);
        double[] weights = GradientFixtures.numbers(json, "weights", at);
        Quadrature q = Quadrature.of(Quadrature.Rule.GAUSS_LEGENDRE, n);
        assertEquals(n, points.length);
        // measured max |difference|: points 0 (n = 16) and 1.1e-16 (n = 50); weights 1.5e-16 and 1.3e-15
        assertArrayEquals(points, q.points(), 1e-12);
        assertArrayEquals(weights, q.weights(), 1e-12);
    }

    @Test
    void gaussLegendreIsExactForPolynomialsOfDegreeBelow2n() {
        for (int n : new int[] {1, 2, 3, 7, 50, 200}) {
            Quadrature q = Quadrature.gaussLegendre(n);
            for (int degree = 0; degree < 2 * n && degree < 60; degree++) {
                double integral = 0;
                for (int i = 0; i < n; i++) {
                    integral += q.weights()[i] * Math.pow(q.points()[i], degree);
                }
                assertEquals(1.0 / (degree + 1), integral, 1e-13, "n " + n + ", x^" + degree);
            }
            double[] p = q.points();
            for (int i = 1; i < n; i++) {
                assertTrue(p[i] > p[i - 1], "ascending points");
                assertEquals(p[i], 1 - p[n - 1 - i], 1e-15, "symmetric points");
            }
        }
    }

    @Test
    void riemannRulesUseCaptumsPoints() {
        int n = 4;
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75}, Quadrature.of(Quadrature.Rule.RIEMANN_LEFT, n).points(), 0);
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1}, Quadrature.of(Quadrature.Rule.RIEMANN_RIGHT, n).points(), 0);
        assertArrayEquals(new double[] {0.125, 0.375, 0.625, 0.875},
                Quadrature.of(Quadrature.Rule.RIEMANN_MIDDLE, n).points(), 0);
        for (Quadrature.Rule rule : new Quadrature.Rule[] {Quadrature.Rule.RIEMANN_LEFT, Quadrature.Rule.RIEMANN_RIGHT,
                Quadrature.Rule.RIEMANN_MIDDLE}) {
            assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, Quadrature.of(rule, n).weights(), 0);
        }
        Quadrature trapezoid = Quadrature.of(Quadrature.Rule.RIEMANN_TRAPEZOID, n);
        assertArrayEquals(new double[] {0, 1.0 / 3, 2.0 / 3, 1}, trapezoid.points(), 1e-16);
        assertArrayEquals(new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6}, trapezoid.weights(), 1e-16);
    }

    @ParameterizedTest
    @EnumSource(Quadrature.Rule.class)
    void weightsSumToOneAndRulesIntegrateLinearFunctionsExactly(Quadrature.Rule rule) {
        for (int n : new int[] {2, 3, 16, 50}) {
            Quadrature q = Quadrature.of(rule, n);
            assertEquals(1.0, Arrays.stream(q.weights()).sum(), 1e-13, rule + " n " + n);
            double integral = 0;
            for (int i = 0; i < n; i++) {
                integral += q.weights()[i] * (3 * q.points()[i] + 1);
            }
            // the midpoint, trapezoid and Gauss rules are exact for linear functions; left/right are off by +-3/(2n)
            double expected = 2.5 + switch (rule) {
                case RIEMANN_LEFT -> -1.5 / n;
                case RIEMANN_RIGHT -> 1.5 / n;
                default -> 0;
            };
            assertEquals(expected, integral, 1e-13, rule + " n " + n);
        }
    }

    @Test
    void ruleNamesAndMinimumSteps() {
        assertEquals(Arrays.asList("riemann-left", "riemann-right", "riemann-middle", "riemann-trapezoid", "gauss-legendre"),
                Quadrature.Rule.ids());
        assertEquals(Quadrature.Rule.GAUSS_LEGENDRE, Quadrature.Rule.of("gauss-legendre"));
        assertThrows(IllegalArgumentException.class, () -> Quadrature.of(Quadrature.Rule.RIEMANN_TRAPEZOID, 1));
        assertArrayEquals(new double[] {0.5}, Quadrature.of(Quadrature.Rule.GAUSS_LEGENDRE, 1).points(), 0);
        assertArrayEquals(new double[] {1}, Quadrature.of(Quadrature.Rule.GAUSS_LEGENDRE, 1).weights(), 1e-16);
    }
}
