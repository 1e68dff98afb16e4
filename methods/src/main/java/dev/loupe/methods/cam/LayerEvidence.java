package dev.loupe.methods.cam;

import dev.loupe.core.explain.ExplainContext;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.Tensor;
import dev.loupe.methods.ResolvedTargets;

/**
 * What a CAM variant turns into a map: the chosen layer's activation A for the batch,
 * (B, C, h, w), and, for gradient variants, the target logit's gradient there (same shape;
 * {@code null} for variants that need none), with the context for variants that run more passes.
 */
@Internal
public record LayerEvidence(ExplainContext context, String layer, Tensor activation, Tensor gradient,
        ResolvedTargets targets) {

    /** The gradient, which gradient-free variants do not get. */
    public Tensor requireGradient() {
        if (gradient == null) {
            throw new IllegalStateException("this CAM variant declared that it needs no gradient");
        }
        return gradient;
    }

    /** sum_k w_k A^k for channel weights {@code weights} of shape (B, C, 1, 1): a (B, h, w) map. */
    public Tensor weightedSum(Tensor weights) {
        return weights.mul(activation).sum(false, 1);
    }

    /** The same for weights computed on the host, {@code B * C} values, image by image. */
    public Tensor weightedSum(float[] weights) {
        long[] a = activation.shape();
        return weightedSum(context.scope().upload(new FloatArray(weights, new long[] {a[0], a[1], 1, 1})));
    }
}
