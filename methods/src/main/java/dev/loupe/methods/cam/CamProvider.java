package dev.loupe.methods.cam;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.Tensor;

/**
 * CAM (Zhou et al. 2016) for models whose layer is followed by global average pooling and one
 * linear layer: map = sum_k W[c, k] A^k, signed as in the paper.
 *
 * <p>The head's weights are read through the gradient instead of from the model file, so any
 * backend and any export works: with logits = W GAP(A) + b, dy_c/dA^k_ij = W[c, k] / (h w) at
 * every position. That also tests the architecture: a gradient that varies across positions
 * means something other than GAP + linear follows the layer, and the method refuses (a nonlinear
 * head after the pooling would pass this test; CAM is then Grad-CAM without its ReLU, times h w).
 */
@Internal
public final class CamProvider extends CamFamilyProvider {

    /** How far a channel's gradient may vary across positions, relative to the image's largest |gradient|. */
    static final double UNIFORMITY_TOLERANCE = 1e-4;

    @Override
    public String name() {
        return "cam";
    }

    @Override
    public String description() {
        return "Class activation map of a model with a global-average-pooling + linear head (Zhou et al. 2016).";
    }

    @Override
    protected boolean needsGradient() {
        return true;
    }

    @Override
    protected boolean reluByDefault() {
        return false;
    }

    @Override
    protected Formula formula(Parameters parameters) {
        return evidence -> {
            Tensor g = evidence.requireGradient();
            requireUniform(g.toHost(), evidence.layer());
            long positions = g.dim(2) * g.dim(3);
            return evidence.weightedSum(g.mean(true, 2, 3).mul(positions));
        };
    }

    /** Refuses a gradient that is not constant over each channel's positions. */
    static void requireUniform(FloatArray gradient, String layer) {
        long[] s = gradient.shape();
        int channels = (int) s[1];
        int positions = (int) (s[2] * s[3]);
        float[] g = gradient.data();
        for (int b = 0; b < s[0]; b++) {
            int imageStart = b * channels * positions;
            double largest = 0;
            for (int i = imageStart; i < imageStart + channels * positions; i++) {
                largest = Math.max(largest, Math.abs(g[i]));
            }
            double worst = 0;
            for (int k = 0; k < channels; k++) {
                int start = imageStart + k * positions;
                for (int i = start; i < start + positions; i++) {
                    worst = Math.max(worst, Math.abs(g[i] - g[start]));
                }
            }
            if (worst > UNIFORMITY_TOLERANCE * largest) {
                throw new LoupeException(ErrorKind.INPUT, String.format(
                        "cam needs the layer to be followed by global average pooling and one linear layer (the CAM"
                                + " architecture), but the gradient at '%s' varies across positions by %.3g of its"
                                + " largest value, so something else follows it. Pick the last layer before the"
                                + " pooling, or use grad-cam, which works on any layer.", layer, worst / largest));
            }
        }
    }
}
