package dev.loupe.metrics;

import dev.loupe.core.stability.Internal;

/** The area under a curve by the trapezoid rule. */
@Internal
public final class Trapezoid {

    private Trapezoid() {
    }

    /** Sum over k of (x[k+1] - x[k]) * (y[k] + y[k+1]) / 2; x must be increasing. */
    public static double area(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("a curve needs at least 2 points and as many x as y values");
        }
        double area = 0;
        for (int k = 0; k + 1 < x.length; k++) {
            area += (x[k + 1] - x[k]) * (y[k] + y[k + 1]) / 2;
        }
        return area;
    }
}
