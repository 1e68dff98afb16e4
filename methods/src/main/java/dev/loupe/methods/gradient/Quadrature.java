package dev.loupe.methods.gradient;

import java.util.List;
import java.util.Locale;

/**
 * Points {@code a_i} in [0, 1] and weights {@code w_i} approximating the integral over [0, 1]
 * by {@code sum_i w_i f(a_i)}, with Captum's conventions for the points (in ascending order):
 * <ul>
 * <li>riemann-left: {@code a_i = i/n}, riemann-right: {@code (i+1)/n}, riemann-middle:
 * {@code (i+0.5)/n}; weights {@code 1/n};
 * <li>riemann-trapezoid: {@code a_i = i/(n-1)}, weights {@code 1/(n-1)}, halved at both ends
 * (Captum halves {@code 1/n}, whose weights sum to (n-1)/n; these sum to 1, as the trapezoid
 * rule does);
 * <li>gauss-legendre: the n-point Gauss-Legendre rule mapped from [-1, 1] to [0, 1]
 * ({@code a = (1 + x)/2, w = w_GL/2}), as Captum takes it from numpy's {@code leggauss}.
 * </ul>
 */
record Quadrature(Rule rule, double[] points, double[] weights) {

    Quadrature {
        points = points.clone();
        weights = weights.clone();
    }

    @Override
    public double[] points() {
        return points.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    int size() {
        return points.length;
    }

    /** The integration rules, by their parameter names. */
    enum Rule {
        RIEMANN_LEFT, RIEMANN_RIGHT, RIEMANN_MIDDLE, RIEMANN_TRAPEZOID, GAUSS_LEGENDRE;

        String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Rule of(String id) {
            for (Rule rule : values()) {
                if (rule.id().equals(id)) {
                    return rule;
                }
            }
            throw new IllegalArgumentException("unknown integration rule '" + id + "'; rules: " + ids());
        }

        static List<String> ids() {
            return java.util.Arrays.stream(values()).map(Rule::id).toList();
        }

        /** The fewest points the rule is defined for. */
        int minimumSteps() {
            return this == RIEMANN_TRAPEZOID ? 2 : 1;
        }
    }

    static Quadrature of(Rule rule, int n) {
        if (n < rule.minimumSteps()) {
            throw new IllegalArgumentException(rule.id() + " needs at least " + rule.minimumSteps() + " steps, got " + n);
        }
        double[] a = new double[n];
        double[] w = new double[n];
        switch (rule) {
            case RIEMANN_LEFT, RIEMANN_RIGHT, RIEMANN_MIDDLE -> {
                double offset = rule == Rule.RIEMANN_LEFT ? 0 : rule == Rule.RIEMANN_RIGHT ? 1 : 0.5;
                for (int i = 0; i < n; i++) {
                    a[i] = (i + offset) / n;
                    w[i] = 1.0 / n;
                }
            }
            case RIEMANN_TRAPEZOID -> {
                for (int i = 0; i < n; i++) {
                    a[i] = (double) i / (n - 1);
                    w[i] = 1.0 / (n - 1);
                }
                w[0] /= 2;
                w[n - 1] /= 2;
            }
            case GAUSS_LEGENDRE -> {
                return gaussLegendre(n);
            }
            default -> throw new AssertionError(rule);
        }
        return new Quadrature(rule, a, w);
    }

    /**
     * Gauss-Legendre nodes and weights by Newton's method on the Legendre polynomial P_n (three-term
     * recurrence), started at Tricomi's approximation {@code cos(pi (i + 3/4) / (n + 1/2))}, in
     * double precision; symmetric pairs are computed once. Agrees with numpy's {@code leggauss}
     * to about 1e-15.
     */
    static Quadrature gaussLegendre(int n) {
        double[] a = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            for (int iteration = 0; iteration < 100; iteration++) {
                double[] p = legendre(n, z);
                double step = p[0] / p[1];
                z -= step;
                if (Math.abs(step) < 1e-15) {
                    break; // Newton converges quadratically: the step just taken left z at full precision
                }
            }
            double derivative = legendre(n, z)[1];
            // z is the i-th largest root; -z its mirror. On [0, 1]: a = (1 -+ z)/2, w = w_GL/2.
            double weight = 1.0 / ((1 - z) * (1 + z) * derivative * derivative);
            a[i] = 0.5 * (1 - z);
            a[n - 1 - i] = 0.5 * (1 + z);
            w[i] = weight;
            w[n - 1 - i] = weight;
        }
        return new Quadrature(Rule.GAUSS_LEGENDRE, a, w);
    }

    /** {P_n(z), P_n'(z)}. */
    private static double[] legendre(int n, double z) {
        double p1 = 1;
        double p2 = 0;
        for (int j = 1; j <= n; j++) {
            double p3 = p2;
            p2 = p1;
            p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
        }
        double derivative = n * (z * p1 - p2) / ((z - 1) * (z + 1));
        return new double[] {p1, derivative};
    }
}
