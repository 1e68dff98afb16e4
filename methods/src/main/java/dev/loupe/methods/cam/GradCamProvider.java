package dev.loupe.methods.cam;

import dev.loupe.core.param.Parameters;
import dev.loupe.core.stability.Internal;

/**
 * Grad-CAM (Selvaraju et al. 2017): channel weights are the spatial mean of the target's
 * gradient at the layer, the map is ReLU(sum_k w_k A^k) at the layer's resolution. As in
 * pytorch-grad-cam the ReLU is on by default; {@code relu: false} keeps the signed sum, as
 * Captum's LayerGradCam does by default.
 */
@Internal
public final class GradCamProvider extends CamFamilyProvider {

    @Override
    public String name() {
        return "grad-cam";
    }

    @Override
    public String description() {
        return "Gradient-weighted class activation map of a convolutional layer (Selvaraju et al. 2017).";
    }

    @Override
    protected boolean needsGradient() {
        return true;
    }

    @Override
    protected Formula formula(Parameters parameters) {
        return evidence -> evidence.weightedSum(GradCam.weights(evidence.requireGradient()));
    }
}
