package dev.loupe.core.model;

import dev.loupe.core.stability.Stable;
import java.util.List;
import java.util.Objects;

/**
 * What an explainer asks a pass to capture: the outputs of these layers (their activations),
 * and, for gradient passes, whether the gradient w.r.t. the input is needed, and how the backward
 * goes through ReLUs ({@link ReluRule#PLAIN} unless set with {@link #withReluRule}; other rules
 * need {@link Capability#RELU_RULES}). Gradients w.r.t. captured layers come with every gradient pass.
 */
@Stable
public record HookSpec(List<String> layers, boolean inputGradient, ReluRule reluRule) {

    public HookSpec {
        layers = List.copyOf(layers);
        Objects.requireNonNull(reluRule, "reluRule");
    }

    /** A spec with the plain ReLU backward. */
    public HookSpec(List<String> layers, boolean inputGradient) {
        this(layers, inputGradient, ReluRule.PLAIN);
    }

    public static HookSpec none() {
        return new HookSpec(List.of(), false);
    }

    public static HookSpec inputOnly() {
        return new HookSpec(List.of(), true);
    }

    public static HookSpec layers(List<String> layers) {
        return new HookSpec(layers, false);
    }

    public HookSpec withInputGradient() {
        return new HookSpec(layers, true, reluRule);
    }

    /** The same spec with the backward through every ReLU following {@code rule}. */
    public HookSpec withReluRule(ReluRule rule) {
        return new HookSpec(layers, inputGradient, rule);
    }
}
