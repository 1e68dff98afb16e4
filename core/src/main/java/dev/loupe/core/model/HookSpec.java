package dev.loupe.core.model;

import java.util.List;

/**
 * What an explainer asks a pass to capture: the outputs of these layers (their activations),
 * and, for gradient passes, whether the gradient w.r.t. the input is needed. Gradients w.r.t.
 * captured layers come with every gradient pass.
 */
public record HookSpec(List<String> layers, boolean inputGradient) {

    public HookSpec {
        layers = List.copyOf(layers);
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
        return new HookSpec(layers, true);
    }
}
