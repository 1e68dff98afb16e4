package dev.loupe.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;

/**
 * How one kind of DJL model runs a forward with layer taps. A tap's value is a leaf that holds
 * the layer's output and, after a backward, its gradient.
 */
interface Network extends AutoCloseable {

    /** Runs a forward on {@code input}; the taps come back keyed by layer path. */
    Outputs forward(NDManager manager, NDArray input, List<String> layers, boolean withGradients);

    @Override
    void close();

    record Outputs(NDArray logits, Map<String, NDArray> taps) {
    }
}
