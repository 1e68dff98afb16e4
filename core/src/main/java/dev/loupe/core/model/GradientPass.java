package dev.loupe.core.model;

import dev.loupe.core.stability.Stable;
import dev.loupe.core.tensor.Tensor;

/** The result of a forward and backward pass. */
@Stable
public interface GradientPass extends ForwardPass {

    /** The class each image's gradients were taken for. */
    int[] targets();

    /** Each image's target logit, the value that was differentiated. */
    float[] targetScores();

    /** d(target logit)/d(input), shape of the input; only when the hooks asked for it. */
    Tensor inputGradient();

    /** d(target logit)/d(layer output), shape of {@link #activation(String)}. */
    Tensor layerGradient(String layer);
}
