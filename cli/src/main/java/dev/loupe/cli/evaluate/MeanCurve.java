package dev.loupe.cli.evaluate;

import dev.loupe.core.evaluate.Curve;
import java.util.List;

/**
 * The point-by-point mean of several images' curves of one kind. Their x values agree when the
 * images have the same size; across sizes a deletion step covers a slightly different fraction,
 * so x is averaged too. Curves of different lengths cannot be averaged.
 */
record MeanCurve(double[] x, double[] y) {

    static MeanCurve of(List<Curve> curves) {
        int points = curves.get(0).x().length;
        double[] x = new double[points];
        double[] y = new double[points];
        for (Curve c : curves) {
            if (c.x().length != points) {
                throw new IllegalArgumentException("curve '" + c.name() + "' has " + c.x().length + " points here and "
                        + points + " elsewhere; they cannot be averaged");
            }
            for (int k = 0; k < points; k++) {
                x[k] += c.x()[k] / curves.size();
                y[k] += c.y()[k] / curves.size();
            }
        }
        return new MeanCurve(x, y);
    }
}
