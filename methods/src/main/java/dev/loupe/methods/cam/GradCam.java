package dev.loupe.methods.cam;

import dev.loupe.core.model.GradientPass;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.Tensor;

/** The Grad-CAM formula on a finished gradient pass, shared by grad-cam and guided-grad-cam. */
@Internal
public final class GradCam {

    /** The layer whose activations are weighted. */
    public static final ParameterDef LAYER = ParameterDef.layer("layer", "Layer whose activations are weighted, e.g."
            + " layer4 or features.28; 'auto' picks the last feature layer with a spatial output.");

    /** Grad-CAM's ReLU on the weighted sum. */
    public static final ParameterDef RELU = ParameterDef.flag("relu", true, "Apply the ReLU of the paper to the weighted sum.");

    private GradCam() {
    }

    /** Grad-CAM's channel weights, (B, C, 1, 1): the spatial mean of the gradient. */
    public static Tensor weights(Tensor gradient) {
        return gradient.mean(true, 2, 3);
    }

    /** (B, h, w): sum_k mean_ij(dy/dA^k) A^k, then ReLU when {@code relu}. */
    public static Tensor map(GradientPass pass, String layer, boolean relu) {
        Tensor cam = weights(pass.layerGradient(layer)).mul(pass.activation(layer)).sum(false, 1);
        return relu ? cam.relu() : cam;
    }
}
