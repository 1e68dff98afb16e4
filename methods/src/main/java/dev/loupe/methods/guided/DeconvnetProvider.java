package dev.loupe.methods.guided;

import dev.loupe.core.model.ReluRule;
import dev.loupe.core.stability.Internal;

/**
 * Deconvnet (Zeiler and Fergus 2014): the input gradient with the backward through every ReLU
 * passing {@code 1[g>0] * g}, the forward mask ignored.
 */
@Internal
public final class DeconvnetProvider extends ReluRuleGradient {

    public DeconvnetProvider() {
        super(ReluRule.DECONVNET);
    }

    @Override
    public String name() {
        return "deconvnet";
    }

    @Override
    public String description() {
        return "Input gradient with the ReLU backward replaced by a ReLU of the gradient (deconvnet, Zeiler and Fergus 2014).";
    }
}
