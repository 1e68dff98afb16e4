package dev.loupe.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import java.util.List;
import java.util.Map;

/**
 * How one kind of DJL model runs a forward with layer taps. A tap's value is a leaf that holds
 * the layer's output and, after a backward, its gradient.
 */
interface Network extends AutoCloseable {

    /** Runs a forward on {@code input}; the taps come back keyed by layer path. */
    Outputs forward(NDManager manager, NDArray input, List<String> layers, boolean withGradients);

    /**
     * Runs a forward with the graph cut at every ReLU (see
     * {@link dev.loupe.backend.djl.torchscript.ReluCutRewriter}), with autograd on, for a
     * layer-wise backward with a chosen ReLU rule. Networks that cannot do this refuse.
     */
    default CutOutputs forwardReluCut(NDManager manager, NDArray input) {
        throw new LoupeException(ErrorKind.INPUT, "This kind of model cannot change the backward of its ReLUs "
                + "(guided backprop, deconvnet); use a TorchScript file.");
    }

    /**
     * Runs a forward in which the output of {@code layer} is multiplied by {@code factor} (the
     * caller checked that it broadcasts) before the rest of the network uses it; returns the
     * logits. The caller turns autograd off. Networks that cannot do this refuse.
     */
    default NDArray forwardScaled(NDManager manager, NDArray input, String layer, NDArray factor) {
        throw new LoupeException(ErrorKind.INPUT, "This kind of model cannot change a layer's output during a forward"
                + " pass (ablation-cam needs that); use a TorchScript file or a DJL SequentialBlock.");
    }

    @Override
    void close();

    /** The logits, and per ReLU in execution order its input s_k and the leaf holding relu(s_k). */
    record CutOutputs(NDArray logits, List<NDArray> reluInputs, List<NDArray> leaves) {
    }

    record Outputs(NDArray logits, Map<String, NDArray> taps) {
    }
}
