package dev.loupe.methods.cam;

import dev.loupe.core.param.Parameters;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.Tensor;

/**
 * HiResCAM (Draelos and Carin 2020): map = ReLU(sum_k g^k * A^k), element-wise, so the map
 * shows where the gradient and the activation agree instead of averaging the gradient away.
 */
@Internal
public final class HiResCamProvider extends CamFamilyProvider {

    @Override
    public String name() {
        return "hires-cam";
    }

    @Override
    public String description() {
        return "Element-wise product of gradient and activation, summed over channels (Draelos and Carin 2020).";
    }

    @Override
    protected boolean needsGradient() {
        return true;
    }

    @Override
    protected Formula formula(Parameters parameters) {
        return evidence -> evidence.requireGradient().mul(evidence.activation()).sum(false, 1);
    }
}
