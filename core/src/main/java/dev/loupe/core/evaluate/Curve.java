package dev.loupe.core.evaluate;

import dev.loupe.core.stability.Experimental;

/**
 * A curve behind a metric value (a deletion curve, say), saved as data and plotted.
 *
 * @param name what the curve is, e.g. {@code deletion} or {@code morf}
 * @param xLabel what x means, e.g. {@code fraction of pixels removed}
 * @param yLabel what y means, e.g. {@code softmax probability of the target}
 */
@Experimental
public record Curve(String name, String xLabel, String yLabel, double[] x, double[] y) {

    public Curve {
        if (x.length != y.length) {
            throw new IllegalArgumentException("curve '" + name + "' has " + x.length + " x values and " + y.length + " y values");
        }
        x = x.clone();
        y = y.clone();
    }
}
