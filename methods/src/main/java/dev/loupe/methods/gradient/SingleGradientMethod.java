package dev.loupe.methods.gradient;

import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ReluRule;
import dev.loupe.core.tensor.Tensor;

/**
 * Attributions that need one gradient per input, computed from the input and that gradient
 * alone; SmoothGrad averages them over noisy copies in the same pass.
 */
enum SingleGradientMethod {

    /** d(target logit)/dx, signed (Captum's Saliency with abs=False). */
    SALIENCY {
        @Override
        Tensor attribution(Tensor inputs, Tensor gradients) {
            return gradients;
        }
    },

    /** x * d(target logit)/dx (Captum's InputXGradient). */
    INPUT_X_GRADIENT {
        @Override
        Tensor attribution(Tensor inputs, Tensor gradients) {
            return inputs.mul(gradients);
        }
    },

    /** The input gradient with guided backprop's rule at every ReLU (Springenberg et al. 2014). */
    GUIDED_BACKPROP {
        @Override
        Tensor attribution(Tensor inputs, Tensor gradients) {
            return gradients;
        }

        @Override
        HookSpec hooks() {
            return HookSpec.inputOnly().withReluRule(ReluRule.GUIDED);
        }
    };

    /** What a pass must compute for this method. */
    HookSpec hooks() {
        return HookSpec.inputOnly();
    }

    /** The attribution of each row of {@code inputs} (n, C, H, W), given its gradient. */
    abstract Tensor attribution(Tensor inputs, Tensor gradients);
}
