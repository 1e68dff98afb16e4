package dev.loupe.backend.djl.torchscript;

import dev.loupe.core.tensor.FloatArray;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A TorchScript file loaded in DJL the way input gradients work (shared/FACTS.md): trainParam on,
 * parameters frozen, the method run through IValueUtils.forward with autograd on, inside a
 * GradientCollector.
 */
final class DjlModel implements AutoCloseable {

    static {
        System.setProperty("ai.djl.offline", "true");
    }

    private final ZooModel<NDList, NDList> model;
    private final PtSymbolBlock block;

    /** What one pass returned, copied out of native memory. */
    record Pass(List<FloatArray> outputs, List<FloatArray> gradients, FloatArray inputGradient) {
    }

    private DjlModel(ZooModel<NDList, NDList> model) {
        this.model = model;
        this.block = (PtSymbolBlock) model.getBlock();
        block.freezeParameters(true);
    }

    static DjlModel load(Path file) {
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
                .optEngine("PyTorch")
                .optOption("trainParam", "true")
                .build();
        try {
            return new DjlModel(criteria.loadModel());
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new IllegalStateException("DJL cannot load " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code method} (forward when {@code null}) on {@code input}, then a backward of
     * sum_b output0[b, targets[b]]. Gradients are those of outputs 1.. (the tap leaves).
     */
    Pass run(String method, FloatArray input, int[] targets) {
        try (NDManager manager = model.getNDManager().newSubManager();
                GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray x = manager.create(input.data(), new Shape(input.shape()));
            x.setRequiresGradient(true);
            NDList out = IValueUtils.forward(block, inputs(manager, method, x), true);
            NDArray logits = out.get(0);
            collector.backward(logits.mul(oneHot(manager, logits.getShape(), targets)).sum());
            List<FloatArray> outputs = new ArrayList<>();
            List<FloatArray> gradients = new ArrayList<>();
            for (int i = 0; i < out.size(); i++) {
                outputs.add(copy(out.get(i)));
                if (i > 0) {
                    gradients.add(copy(out.get(i).getGradient()));
                }
            }
            return new Pass(outputs, gradients, copy(x.getGradient()));
        }
    }

    /** Runs {@code method} without gradients (autograd off), as a forward-only caller would. */
    List<FloatArray> runWithoutGradients(String method, FloatArray input) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = manager.create(input.data(), new Shape(input.shape()));
            NDList out = IValueUtils.forward(block, inputs(manager, method, x), false);
            return out.stream().map(DjlModel::copy).toList();
        }
    }

    private static NDList inputs(NDManager manager, String method, NDArray x) {
        NDList inputs = new NDList();
        if (method != null) {
            NDArray marker = manager.create(0f);
            marker.setName("module_method:" + method); // what TappedModel.djlMethodMarker() returns
            inputs.add(marker);
        }
        inputs.add(x);
        return inputs;
    }

    private static NDArray oneHot(NDManager manager, Shape shape, int[] targets) {
        int classes = (int) shape.get(1);
        float[] mask = new float[targets.length * classes];
        for (int b = 0; b < targets.length; b++) {
            mask[b * classes + targets[b]] = 1f;
        }
        return manager.create(mask, shape);
    }

    private static FloatArray copy(NDArray array) {
        return new FloatArray(array.toFloatArray(), array.getShape().getShape());
    }

    @Override
    public void close() {
        model.close();
    }
}
