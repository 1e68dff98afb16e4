package dev.loupe.methods.gradient;

import dev.loupe.core.model.Scope;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.Tensor;
import java.util.List;

/**
 * Integrated Gradients of one image (Sundararajan et al. 2017):
 * {@code (x - x') * sum_i w_i dy_c/dx (x' + a_i (x - x'))} with the points and weights of a
 * {@link Quadrature}, at a class fixed in advance. The points are made on the device, in
 * float32, as {@code x' + a_i * (x - x')}; the weighted gradients are summed per pass on the
 * device and over passes in double; the product with {@code x - x'} is taken in double.
 */
final class IntegratedGradients {

    private final Quadrature quadrature;

    IntegratedGradients(Quadrature quadrature) {
        this.quadrature = quadrature;
    }

    Quadrature quadrature() {
        return quadrature;
    }

    /**
     * The attribution of {@code image} (C, H, W) against {@code baseline} (C, H, W) for class
     * {@code target}, shape (C, H, W).
     */
    FloatArray attribute(InputGradients engine, FloatArray image, FloatArray baseline, int target) {
        double[] points = quadrature.points();
        double[] weights = quadrature.weights();
        FloatArray x = InputGradients.asBatch(image);
        FloatArray reference = InputGradients.asBatch(baseline);
        double[] integral = engine.sum(quadrature.size(), target,
                (Scope scope, int start, int end) -> {
                    Tensor origin = scope.upload(reference);
                    Tensor path = scope.upload(x).sub(origin);
                    return origin.add(scope.upload(InputGradients.column(points, start, end)).mul(path));
                },
                (Scope scope, int start, int end, Tensor inputs, Tensor gradients) -> List.of(
                        gradients.mul(scope.upload(InputGradients.column(weights, start, end))).sum(false, 0)))[0];
        float[] xs = image.data();
        float[] bs = baseline.data();
        float[] out = new float[xs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (((double) xs[i] - bs[i]) * integral[i]);
        }
        return new FloatArray(out, image.shape());
    }
}
