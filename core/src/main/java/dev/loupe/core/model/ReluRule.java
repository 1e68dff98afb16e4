package dev.loupe.core.model;

import dev.loupe.core.stability.Stable;

/**
 * How a gradient pass back-propagates through each ReLU, with s the ReLU's input and g the
 * gradient arriving at its output. Only the ReLU backward differs; everything else is autograd.
 * Backends that can change it declare {@link Capability#RELU_RULES}.
 */
@Stable
public enum ReluRule {
    /** Ordinary backprop: {@code 1[s>0] * g}. */
    PLAIN,
    /** Guided backpropagation (Springenberg et al. 2014): {@code 1[s>0] * 1[g>0] * g}. */
    GUIDED,
    /** Deconvnet (Zeiler and Fergus 2014): {@code 1[g>0] * g}, the forward mask ignored. */
    DECONVNET
}
