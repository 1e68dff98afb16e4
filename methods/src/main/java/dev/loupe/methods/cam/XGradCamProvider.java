package dev.loupe.methods.cam;

import dev.loupe.core.param.Parameters;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.Tensor;

/**
 * XGrad-CAM (Fu et al. 2020): w_k = sum_ij(g_ij A_ij) / (sum_ij A_ij + 1e-7), map =
 * ReLU(sum_k w_k A^k), as pytorch-grad-cam computes it.
 */
@Internal
public final class XGradCamProvider extends CamFamilyProvider {

    /** pytorch-grad-cam's guard against channels that sum to zero. */
    static final double EPSILON = 1e-7;

    @Override
    public String name() {
        return "xgrad-cam";
    }

    @Override
    public String description() {
        return "Axiom-based Grad-CAM: gradients weighted by the activation's share of its channel (Fu et al. 2020).";
    }

    @Override
    protected boolean needsGradient() {
        return true;
    }

    @Override
    protected Formula formula(Parameters parameters) {
        return evidence -> {
            Tensor a = evidence.activation();
            Tensor weights = evidence.requireGradient().mul(a).sum(true, 2, 3).div(a.sum(true, 2, 3).add(EPSILON));
            return evidence.weightedSum(weights);
        };
    }
}
