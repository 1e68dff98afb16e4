package dev.loupe.methods.guided;

import dev.loupe.core.model.ReluRule;
import dev.loupe.core.stability.Internal;

/**
 * Guided backpropagation (Springenberg et al. 2014): the input gradient with the backward through
 * every ReLU passing {@code 1[s>0] * 1[g>0] * g} (s the ReLU input, g the gradient at its output).
 */
@Internal
public final class GuidedBackpropProvider extends ReluRuleGradient {

    public GuidedBackpropProvider() {
        super(ReluRule.GUIDED);
    }

    @Override
    public String name() {
        return "guided-backprop";
    }

    @Override
    public String description() {
        return "Input gradient with only positive gradients passed back through positive ReLU inputs "
                + "(guided backpropagation, Springenberg et al. 2014).";
    }
}
