package dev.loupe.methods.cam;

import dev.loupe.core.param.Parameters;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.Tensor;

/**
 * Grad-CAM++ (Chattopadhay et al. 2018), in the closed form pytorch-grad-cam uses (exponential
 * head assumed): alpha = g^2 / (2 g^2 + sum_ab A_ab g^3 + 1e-6), w_k = sum_ij alpha_ij ReLU(g_ij),
 * map = ReLU(sum_k w_k A^k). Xplique averages instead of summing over ij, which only rescales
 * the map; Loupe follows the paper and pytorch-grad-cam.
 */
@Internal
public final class GradCamPlusPlusProvider extends CamFamilyProvider {

    /** pytorch-grad-cam's guard in the alpha denominator. */
    static final double EPSILON = 1e-6;

    @Override
    public String name() {
        return "grad-cam-plus-plus";
    }

    @Override
    public String description() {
        return "Grad-CAM with second-order pixel weights, better for several instances of a class (Chattopadhay et al. 2018).";
    }

    @Override
    protected boolean needsGradient() {
        return true;
    }

    @Override
    protected Formula formula(Parameters parameters) {
        return evidence -> {
            Tensor g = evidence.requireGradient();
            Tensor g2 = g.square();
            Tensor g3 = g2.mul(g);
            Tensor activationSums = evidence.activation().sum(true, 2, 3);
            // zero where g == 0 through the numerator; EPSILON only keeps the division finite
            Tensor alpha = g2.div(g2.mul(2).add(activationSums.mul(g3)).add(EPSILON));
            return evidence.weightedSum(g.relu().mul(alpha).sum(true, 2, 3));
        };
    }
}
