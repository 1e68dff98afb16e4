package dev.loupe.backend.djl;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.layer.LayerInfo;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ForwardPass;
import dev.loupe.core.model.GradientPass;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ReluRule;
import dev.loupe.core.model.Scope;
import dev.loupe.core.model.TargetResolver;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** A unit of work: one NDManager that owns every array made in it, closed with the scope. */
final class DjlScope implements Scope {

    private final NDManager manager;
    private final Network network;
    private final ExplainableModel model;

    /** @param model the model {@code network} runs, for its layer shapes; may be null where no pass checks them */
    DjlScope(NDManager parent, Network network, ExplainableModel model) {
        this.manager = parent.newSubManager();
        this.network = network;
        this.model = model;
    }

    @Override
    public Tensor upload(FloatArray values) {
        return new DjlTensor(manager.create(values.data(), new Shape(values.shape())));
    }

    @Override
    public ForwardPass forward(Tensor input, HookSpec hooks) {
        try (GradMode off = GradMode.enabled(false)) {
            Network.Outputs out = network.forward(manager, DjlTensor.unwrap(input), hooks.layers(), false);
            return new Pass(out, null, null, null, null);
        }
    }

    @Override
    public ForwardPass forwardScaled(Tensor input, String layer, Tensor factor) {
        NDArray x = DjlTensor.unwrap(input);
        NDArray f = DjlTensor.unwrap(factor);
        requireBroadcast(x, layer, f);
        try (GradMode off = GradMode.enabled(false)) {
            NDArray logits = network.forwardScaled(manager, x, layer, f);
            return new Pass(new Network.Outputs(logits, Map.of()), null, null, null, null);
        }
    }

    /** An unknown layer, or one without a known output shape, is left to the network to refuse. */
    private void requireBroadcast(NDArray x, String layer, NDArray factor) {
        LayerInfo info = model == null ? null
                : model.layers().stream().filter(l -> l.path().equals(layer)).findFirst().orElse(null);
        if (info == null || !info.capturable()) {
            return;
        }
        long[] shape = x.getShape().getShape();
        boolean sameImageSize = Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), model.description().inputShape());
        String problem = FactorShape.problem(layer, factor.getShape().getShape(), info.outputShape(), shape[0], sameImageSize);
        if (problem != null) {
            throw new LoupeException(ErrorKind.INPUT, problem);
        }
    }

    @Override
    public GradientPass gradients(Tensor input, HookSpec hooks, TargetResolver targets) {
        if (hooks.reluRule() != ReluRule.PLAIN) {
            return layerwiseGradients(input, hooks, targets);
        }
        // A fresh leaf per pass: gradients must not accumulate across passes on a shared input.
        NDArray x = DjlTensor.unwrap(input).duplicate();
        if (hooks.inputGradient()) {
            x.setRequiresGradient(true);
        }
        try (GradMode on = GradMode.enabled(true)) {
            Network.Outputs out = network.forward(manager, x, hooks.layers(), true);
            NDArray logits = out.logits();
            FloatArray hostLogits = new DjlTensor(logits).toHost();
            int[] chosen = targets.resolve(hostLogits);
            float[] scores = new float[chosen.length];
            float[] mask = new float[hostLogits.size()];
            int classes = (int) hostLogits.dim(1);
            for (int b = 0; b < chosen.length; b++) {
                mask[b * classes + chosen[b]] = 1f;
                scores[b] = hostLogits.data()[b * classes + chosen[b]];
            }
            if (hooks.inputGradient() || !hooks.layers().isEmpty()) {
                NDArray score = logits.mul(manager.create(mask, logits.getShape())).sum();
                JniUtils.backward((PtNDArray) score, (PtNDArray) manager.ones(score.getShape()), false, false);
            }
            Map<String, NDArray> gradients = new HashMap<>();
            for (Map.Entry<String, NDArray> tap : out.taps().entrySet()) {
                gradients.put(tap.getKey(), tap.getValue().getGradient());
            }
            NDArray inputGradient = hooks.inputGradient() ? x.getGradient() : null;
            return new Pass(out, chosen, scores, inputGradient, gradients);
        }
    }

    /**
     * The gradient pass as a layer-wise backward through the model cut at every ReLU (see
     * {@link dev.loupe.backend.djl.torchscript.ReluCutRewriter}), applying {@code hooks.reluRule()}
     * at each ReLU: backward of the score from the logits, then for each ReLU k in reverse execution
     * order, g = gradient of its leaf (complete by then: every later segment, residual paths
     * included, has been back-propagated; zeros for a leaf nothing used), and backward of the ReLU
     * input s_k with rule(s_k, g), which accumulates into earlier leaves and the input. With
     * {@link ReluRule#PLAIN} this equals ordinary autograd; package-private so tests can check that.
     * Layer captures are refused here for now.
     */
    GradientPass layerwiseGradients(Tensor input, HookSpec hooks, TargetResolver targets) {
        if (!hooks.layers().isEmpty()) {
            throw new LoupeException(ErrorKind.USAGE, "Layer captures " + hooks.layers() + " together with the ReLU rule "
                    + hooks.reluRule() + " are not supported; capture layers in a pass with the plain rule and take "
                    + "the input gradient with the rule in a separate pass.");
        }
        NDArray x = DjlTensor.unwrap(input).duplicate();
        if (hooks.inputGradient()) {
            x.setRequiresGradient(true);
        }
        try (GradMode on = GradMode.enabled(true)) {
            Network.CutOutputs out = network.forwardReluCut(manager, x);
            NDArray logits = out.logits();
            FloatArray hostLogits = new DjlTensor(logits).toHost();
            int[] chosen = targets.resolve(hostLogits);
            float[] scores = new float[chosen.length];
            float[] mask = targetMask(hostLogits, chosen, scores);
            NDArray inputGradient = null;
            if (hooks.inputGradient()) {
                NDArray score = logits.mul(manager.create(mask, logits.getShape())).sum();
                JniUtils.backward((PtNDArray) score, (PtNDArray) manager.ones(score.getShape()), true, false);
                for (int k = out.leaves().size() - 1; k >= 0; k--) {
                    NDArray s = out.reluInputs().get(k);
                    NDArray g = out.leaves().get(k).getGradient(); // zeros when nothing used the leaf
                    NDArray gs = applyRule(hooks.reluRule(), s, g);
                    // (JniUtils.requiresGrad says false for non-leaf tensors with a grad_fn, so it
                    // cannot tell a ReLU on a constant; libtorch's refusal does)
                    try {
                        JniUtils.backward((PtNDArray) s, (PtNDArray) gs, true, false);
                    } catch (EngineException e) {
                        if (!String.valueOf(e.getMessage()).contains("does not require grad")) {
                            throw e;
                        }
                        // a ReLU on something the input does not reach: nothing to pass on
                    }
                }
                inputGradient = x.getGradient();
            }
            return new Pass(new Network.Outputs(logits, Map.of()), chosen, scores, inputGradient, Map.of());
        }
    }

    /** The gradient passed to a ReLU's input s given the gradient g at its output. */
    static NDArray applyRule(ReluRule rule, NDArray s, NDArray g) {
        return switch (rule) {
            case PLAIN -> g.mul(s.gt(0f).toType(g.getDataType(), false));
            case GUIDED -> g.maximum(0f).mul(s.gt(0f).toType(g.getDataType(), false));
            case DECONVNET -> g.maximum(0f);
        };
    }

    private static float[] targetMask(FloatArray hostLogits, int[] chosen, float[] scores) {
        float[] mask = new float[hostLogits.size()];
        int classes = (int) hostLogits.dim(1);
        for (int b = 0; b < chosen.length; b++) {
            mask[b * classes + chosen[b]] = 1f;
            scores[b] = hostLogits.data()[b * classes + chosen[b]];
        }
        return mask;
    }

    @Override
    public void close() {
        manager.close();
    }

    private record Pass(Network.Outputs out, int[] targets, float[] targetScores,
            NDArray inputGradientArray, Map<String, NDArray> layerGradients) implements GradientPass {

        @Override
        public Tensor logits() {
            return new DjlTensor(out.logits());
        }

        @Override
        public Tensor activation(String layer) {
            return new DjlTensor(tap(out.taps(), layer, "activation"));
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
            if (inputGradientArray == null) {
                throw new IllegalStateException("the input gradient was not requested in the HookSpec");
            }
            return new DjlTensor(inputGradientArray);
        }

        @Override
        public Tensor layerGradient(String layer) {
            return new DjlTensor(tap(layerGradients, layer, "gradient"));
        }

        private static NDArray tap(Map<String, NDArray> taps, String layer, String what) {
            NDArray value = taps.get(layer);
            if (value == null) {
                throw new LoupeException(ErrorKind.INTERNAL, "No " + what + " was captured for layer '" + layer
                        + "'; captured: " + taps.keySet() + ". Ask for it in the HookSpec.");
            }
            return value;
        }
    }
}
