package dev.loupe.core.model;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.stability.Stable;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.NoiseSource;
import dev.loupe.core.tensor.Tensor;

/**
 * One unit of work on a model: every tensor and pass made through a scope lives until the scope
 * closes. This is where the PyTorch tutorials' hooks live: a {@link HookSpec} says which layer
 * outputs to capture and which gradients to compute, and the backend removes whatever it
 * installed before the call returns, also when it fails.
 */
@Stable
public interface Scope extends AutoCloseable {

    /** Copies a host array into the backend. */
    Tensor upload(FloatArray values);

    /** {@code mean + std * noise}, drawn on the host from {@code noise} and uploaded once. */
    default Tensor randomNormal(NoiseSource noise, double mean, double std, long... shape) {
        return upload(noise.nextStandardNormal(shape)).mul(std).add(mean);
    }

    /** A forward pass without gradients: logits plus the captured activations. */
    ForwardPass forward(Tensor input, HookSpec hooks);

    /**
     * A forward and a backward pass: the targets are chosen from the logits by {@code targets},
     * the backward starts from the sum over the batch of each image's target logit (images are
     * independent, so each image gets its own gradient), and the requested gradients come back.
     */
    GradientPass gradients(Tensor input, HookSpec hooks, TargetResolver targets);

    /**
     * A forward pass without gradients in which the output of {@code layer} is multiplied by
     * {@code factor} (broadcast against the layer's output, e.g. (B, C, 1, 1) to scale whole
     * channels per image) before the rest of the network uses it. Nothing is captured: the pass
     * has logits only. Needs {@link Capability#LAYER_SCALING}; a backend without it refuses.
     */
    default ForwardPass forwardScaled(Tensor input, String layer, Tensor factor) {
        throw new LoupeException(ErrorKind.INPUT, "This model's backend cannot change a layer's output during a forward"
                + " pass, which this method needs (e.g. ablation-cam). Use a TorchScript model with the djl backend.");
    }

    /** Frees every tensor made in this scope. */
    @Override
    void close();
}
