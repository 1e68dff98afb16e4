package dev.loupe.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.model.ForwardPass;
import dev.loupe.core.model.GradientPass;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.Scope;
import dev.loupe.core.model.TargetResolver;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;

/** A unit of work: one NDManager that owns every array made in it, closed with the scope. */
final class DjlScope implements Scope {

    private final NDManager manager;
    private final Network network;

    DjlScope(NDManager parent, Network network) {
        this.manager = parent.newSubManager();
        this.network = network;
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
    public GradientPass gradients(Tensor input, HookSpec hooks, TargetResolver targets) {
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
