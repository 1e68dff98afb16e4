package dev.loupe.core.model;

import dev.loupe.core.stability.Stable;

/** What a loaded model can do for an explainer. Explainers declare which ones they need. */
@Stable
public enum Capability {
    /** Run a batch forward and return the logits. */
    FORWARD,
    /** Gradient of a target score with respect to the input. */
    INPUT_GRADIENT,
    /** Capture the output of a named layer. */
    LAYER_ACTIVATION,
    /** Gradient of a target score with respect to a captured layer output. */
    LAYER_GRADIENT,
    /**
     * Gradient passes honour {@link HookSpec#reluRule()}: the backward through every ReLU can be
     * plain, guided or deconvnet (see {@link ReluRule}).
     */
    RELU_RULES,
    /**
     * A forward pass can multiply a layer's output by a given factor before the rest of the
     * network sees it ({@link Scope#forwardScaled}): how Ablation-CAM removes a channel.
     */
    LAYER_SCALING,
    /**
     * The model's trainable parameters can be randomised and restored in place
     * ({@link ExplainableModel#parameters()}): the model-randomisation sanity check.
     */
    PARAMETER_RANDOMIZATION
}
