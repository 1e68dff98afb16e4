package dev.loupe.bench;

import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;

/**
 * The model run directly on its engine, without Loupe's backend adapter: the reference that
 * shows what the adapter (layer taps, ReLU cuts, target masks) adds to the floor. Optional.
 */
@Internal
public interface BareEngine extends AutoCloseable {

    /** One line for reports, e.g. "libtorch 2.7.1 through DJL 0.35.1, the unmodified TorchScript file". */
    String description();

    /** A forward pass without gradients on a (B, C, H, W) batch. */
    void forward(FloatArray batch);

    /** A forward pass and the backward of the sum of each image's top logit to the input. */
    void forwardBackward(FloatArray batch);

    @Override
    void close();
}
