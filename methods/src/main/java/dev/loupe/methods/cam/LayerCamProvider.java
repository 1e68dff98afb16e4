package dev.loupe.methods.cam;

import dev.loupe.core.param.Parameters;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.Tensor;

/** LayerCAM (Jiang et al. 2021): map = ReLU(sum_k ReLU(g^k) * A^k), element-wise. */
@Internal
public final class LayerCamProvider extends CamFamilyProvider {

    @Override
    public String name() {
        return "layer-cam";
    }

    @Override
    public String description() {
        return "Positive gradients times activations, summed over channels; useful at shallow layers (Jiang et al. 2021).";
    }

    @Override
    protected boolean needsGradient() {
        return true;
    }

    @Override
    protected Formula formula(Parameters parameters) {
        return evidence -> evidence.requireGradient().relu().mul(evidence.activation()).sum(false, 1);
    }
}
