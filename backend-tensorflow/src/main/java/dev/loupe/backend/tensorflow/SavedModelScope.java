package dev.loupe.backend.tensorflow;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.model.ForwardPass;
import dev.loupe.core.model.GradientPass;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ReluRule;
import dev.loupe.core.model.Scope;
import dev.loupe.core.model.TargetResolver;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.HostTensor;
import dev.loupe.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A unit of work on a SavedModel. Tensors live on the Java heap ({@link HostTensor}); TensorFlow
 * tensors exist only during a session run, so closing the scope has nothing native to free.
 */
final class SavedModelScope implements Scope {

    private final SavedModelModel model;
    /** The last activation fetched for a scaled forward, reused while the input is the same tensor. */
    private Tensor cachedInput;
    private String cachedLayer;
    private FloatArray cachedActivation;

    SavedModelScope(SavedModelModel model) {
        this.model = model;
    }

    @Override
    public Tensor upload(FloatArray values) {
        return HostTensor.of(values);
    }

    @Override
    public ForwardPass forward(Tensor input, HookSpec hooks) {
        List<String> tensors = layerTensors(hooks);
        List<String> fetches = new ArrayList<>(tensors);
        fetches.add(0, model.outputTensor());
        List<FloatArray> out = model.run(model.graph(ReluRule.PLAIN).session(), input.toHost(), fetches, Map.of());
        return new Pass(out.get(0), activations(hooks, out.subList(1, out.size())), null, null, null, null);
    }

    @Override
    public GradientPass gradients(Tensor input, HookSpec hooks, TargetResolver targets) {
        FloatArray x = input.toHost();
        List<String> tensors = layerTensors(hooks);
        LoadedGraph graph = model.graph(hooks.reluRule());
        int batch = (int) x.dim(0);
        int[] known = targets.known(batch);
        boolean needsGradients = hooks.inputGradient() || !tensors.isEmpty();
        if (known != null && needsGradients && inRange(known)) {
            return onePass(graph, x, hooks, tensors, targets, known);
        }
        // The targets depend on the logits, so a first run finds them; the mask is fed to the second.
        FloatArray logits = model.run(graph.session(), x, List.of(model.outputTensor()), Map.of()).get(0);
        int[] chosen = targets.resolve(logits);
        if (!needsGradients) {
            return new Pass(logits, Map.of(), chosen, scores(logits, chosen), null, Map.of());
        }
        return backward(graph, x, hooks, tensors, chosen, logits, false);
    }

    private boolean inRange(int[] classes) {
        int count = model.description().classCount();
        return java.util.Arrays.stream(classes).allMatch(c -> c >= 0 && c < count);
    }

    /** Targets known up front: logits, activations and gradients come from one run. */
    private GradientPass onePass(LoadedGraph graph, FloatArray x, HookSpec hooks, List<String> tensors, TargetResolver targets,
            int[] known) {
        GradientPass pass = backward(graph, x, hooks, tensors, known, null, true);
        int[] checked = targets.resolve(pass.logits().toHost());
        if (!java.util.Arrays.equals(checked, known)) {
            throw new LoupeException(ErrorKind.INTERNAL, "Targets known up front " + java.util.Arrays.toString(known)
                    + " differ from those resolved from the logits " + java.util.Arrays.toString(checked) + ".");
        }
        return pass;
    }

    private static float[] scores(FloatArray logits, int[] chosen) {
        int classes = (int) logits.dim(1);
        float[] scores = new float[chosen.length];
        for (int b = 0; b < chosen.length; b++) {
            scores[b] = logits.data()[b * classes + chosen[b]];
        }
        return scores;
    }

    /** The gradient run: the mask puts a 1 at each image's target; {@code fetchLogits} when they are not known yet. */
    private GradientPass backward(LoadedGraph graph, FloatArray x, HookSpec hooks, List<String> tensors, int[] chosen,
            FloatArray knownLogits, boolean fetchLogits) {
        int classes = model.description().classCount();
        float[] mask = new float[chosen.length * classes];
        for (int b = 0; b < chosen.length; b++) {
            mask[b * classes + chosen[b]] = 1f;
        }
        GradientOps ops = model.gradientOps(hooks.reluRule(), tensors, hooks.inputGradient());
        List<String> fetches = new ArrayList<>(tensors);
        if (fetchLogits) {
            fetches.add(model.outputTensor());
        }
        if (ops.inputGradient() != null) {
            fetches.add(ops.inputGradient());
        }
        for (String g : ops.layerGradients()) {
            if (g != null) {
                fetches.add(g);
            }
        }
        List<FloatArray> out = model.run(graph.session(), x, fetches,
                Map.of(ops.mask(), new FloatArray(mask, new long[] {chosen.length, classes})));
        Map<String, FloatArray> activations = activations(hooks, out.subList(0, tensors.size()));
        int next = tensors.size();
        FloatArray logits = fetchLogits ? out.get(next++) : knownLogits;
        FloatArray inputGradient = ops.inputGradient() != null ? out.get(next++) : null;
        Map<String, FloatArray> layerGradients = new HashMap<>();
        for (int k = 0; k < tensors.size(); k++) {
            String layer = hooks.layers().get(k);
            layerGradients.put(layer, ops.layerGradients().get(k) == null
                    ? FloatArray.zeros(activations.get(layer).shape()) : out.get(next++));
        }
        return new Pass(logits, activations, chosen, scores(logits, chosen), inputGradient, layerGradients);
    }

    @Override
    public ForwardPass forwardScaled(Tensor input, String layer, Tensor factor) {
        String tensor = model.tensorOf(layer);
        if (cachedInput != input || !layer.equals(cachedLayer)) {
            cachedActivation = model.run(model.graph(ReluRule.PLAIN).session(), input.toHost(), List.of(tensor), Map.of()).get(0);
            cachedInput = input;
            cachedLayer = layer;
        }
        Tensor scaled;
        try {
            scaled = HostTensor.of(cachedActivation).mul(factor);
        } catch (IllegalArgumentException e) {
            throw new LoupeException(ErrorKind.INPUT, "The factor for layer '" + layer + "' does not broadcast against"
                    + " its output: " + e.getMessage(), e);
        }
        if (!java.util.Arrays.equals(scaled.shape(), cachedActivation.shape())) {
            throw new LoupeException(ErrorKind.INPUT, "The factor for layer '" + layer + "' has shape "
                    + java.util.Arrays.toString(factor.shape()) + ", which would change the layer's output shape "
                    + java.util.Arrays.toString(cachedActivation.shape()) + "; it must broadcast against it.");
        }
        FloatArray logits = model.run(model.graph(ReluRule.PLAIN).session(), input.toHost(), List.of(model.outputTensor()),
                Map.of(tensor, scaled.toHost())).get(0);
        return new Pass(logits, Map.of(), null, null, null, null);
    }

    private List<String> layerTensors(HookSpec hooks) {
        return hooks.layers().stream().map(model::tensorOf).toList();
    }

    private static Map<String, FloatArray> activations(HookSpec hooks, List<FloatArray> values) {
        Map<String, FloatArray> out = new HashMap<>();
        for (int k = 0; k < values.size(); k++) {
            out.put(hooks.layers().get(k), values.get(k));
        }
        return out;
    }

    @Override
    public void close() {
        cachedInput = null;
        cachedActivation = null;
    }

    private record Pass(FloatArray logitValues, Map<String, FloatArray> activations, int[] targets, float[] targetScores,
            FloatArray inputGradientValues, Map<String, FloatArray> layerGradients) implements GradientPass {

        @Override
        public Tensor logits() {
            return HostTensor.of(logitValues);
        }

        @Override
        public Tensor activation(String layer) {
            return HostTensor.of(captured(activations, layer, "activation"));
        }

        @Override
        public int[] targets() {
            return targets.clone();
        }

        @Override
        public float[] targetScores() {
            return targetScores.clone();
        }

        @Override
        public Tensor inputGradient() {
            if (inputGradientValues == null) {
                throw new IllegalStateException("the input gradient was not requested in the HookSpec");
            }
            return HostTensor.of(inputGradientValues);
        }

        @Override
        public Tensor layerGradient(String layer) {
            return HostTensor.of(captured(layerGradients, layer, "gradient"));
        }

        private static FloatArray captured(Map<String, FloatArray> values, String layer, String what) {
            FloatArray value = values == null ? null : values.get(layer);
            if (value == null) {
                throw new LoupeException(ErrorKind.INTERNAL, "No " + what + " was captured for layer '" + layer
                        + "'; captured: " + (values == null ? "[]" : values.keySet()) + ". Ask for it in the HookSpec.");
            }
            return value;
        }
    }
}
