package dev.loupe.bench.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import dev.loupe.bench.BareEngine;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;
import java.nio.file.Path;

/**
 * The unmodified TorchScript file run straight through DJL (CPU), as a DJL user would without
 * Loupe: the reference for what Loupe's backend adapter adds. Loaded the way the backend loads
 * it (trainParam, frozen parameters), since input gradients need that (see FACTS.md). Each call
 * works in its own NDManager, closed before it returns.
 */
@Internal
public final class BareTorchScript implements BareEngine {

    private final ZooModel<NDList, NDList> model;
    private final PtSymbolBlock block;
    private final String description;

    private BareTorchScript(ZooModel<NDList, NDList> model, String description) {
        this.model = model;
        this.block = (PtSymbolBlock) model.getBlock();
        this.description = description;
    }

    /** Loads {@code file} on the CPU. */
    public static BareTorchScript open(Path file) {
        System.setProperty("ai.djl.offline", "true");
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
                .optEngine("PyTorch")
                .optDevice(Device.cpu())
                .optOption("trainParam", "true")
                .build();
        try {
            ZooModel<NDList, NDList> model = criteria.loadModel();
            ((PtSymbolBlock) model.getBlock()).freezeParameters(true);
            Engine engine = Engine.getEngine("PyTorch");
            return new BareTorchScript(model, "libtorch " + engine.getVersion() + " through DJL " + Engine.getDjlVersion()
                    + ", the unmodified file, CPU");
        } catch (Exception e) {
            throw new LoupeException(ErrorKind.INPUT, "Could not load " + file + " directly through DJL for the bare"
                    + " engine timing: " + e.getMessage() + ". Run with --no-bare to skip it.", e);
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void forward(FloatArray batch) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = manager.create(batch.data(), new Shape(batch.shape()));
            IValueUtils.forward(block, new NDList(x), false);
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    @Override
    public void forwardBackward(FloatArray batch) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = manager.create(batch.data(), new Shape(batch.shape()));
            x.setRequiresGradient(true);
            NDArray logits = IValueUtils.forward(block, new NDList(x), true).get(0);
            float[] host = logits.toFloatArray();
            int rows = (int) logits.getShape().get(0);
            int classes = (int) logits.getShape().get(1);
            float[] mask = new float[host.length];
            for (int b = 0; b < rows; b++) {
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (host[b * classes + c] > host[b * classes + best]) {
                        best = c;
                    }
                }
                mask[b * classes + best] = 1f;
            }
            NDArray score = logits.mul(manager.create(mask, logits.getShape())).sum();
            JniUtils.backward((PtNDArray) score, (PtNDArray) manager.ones(score.getShape()), false, false);
            x.getGradient();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
