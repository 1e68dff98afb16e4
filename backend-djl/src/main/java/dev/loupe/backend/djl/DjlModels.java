package dev.loupe.backend.djl;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SymbolBlock;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.util.Pair;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.stability.Stable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Explains a DJL model built in Java: a {@link Model} or an initialized {@link Block} on the
 * PyTorch engine, as an {@link ExplainableModel} of the {@code djl} backend.
 *
 * <p>What works: every block supports forward passes and input gradients
 * ({@code FORWARD}, {@code INPUT_GRADIENT}). A plain {@code SequentialBlock} (one that does not
 * override its forward) also exposes its children as layers for activations and layer gradients
 * ({@code LAYER_ACTIVATION}, {@code LAYER_GRADIENT}; ReLU rules are not offered): paths as
 * PyTorch's {@code nn.Sequential} prints them ({@code "0"}, {@code "1"}, and {@code "1.0"}
 * inside a nested plain SequentialBlock), types as the child's
 * class simple name ({@code Conv2d}, {@code BatchNorm}, {@code LambdaBlock}, {@code Linear}).
 * Other blocks, and the inside of non-sequential children such as {@code ParallelBlock}, are
 * opaque. The block runs with {@code training=false}: BatchNorm uses its running statistics.
 * Logits are the first array the block returns, shape (batch, classes). Parameters may be
 * float32 or float64 (a float32 input is widened for a float64 block; its gradient comes back
 * float32); other types are refused.
 *
 * <p>Refused: another engine than PyTorch, parameters without arrays (call
 * {@code block.initialize(manager, DataType.FLOAT32, new Shape(1, C, H, W))} first), and blocks
 * containing a {@link SymbolBlock} (a loaded TorchScript module, which DJL runs without
 * autograd at {@code training=false}; open such files through the backend's model files).
 *
 * <p>Ownership: the caller keeps the Model/Block and its manager. The ExplainableModel holds a
 * sub-manager of it for its own arrays; closing the ExplainableModel closes only that, and the
 * block stays usable. Close the ExplainableModel before the Model or manager. Explaining never
 * changes the block: parameters are not frozen, no gradient accumulates on them (see
 * {@link DetachedParameterStore}), running statistics are not updated.
 *
 * <p>{@code ModelDescription.sha256} is the SHA-256 of the parameters: for each parameter in
 * {@code block.getParameters()} order, its name, data type, shape and raw bytes, so two
 * blocks with the same architecture names and the same values have the same digest.
 */
@Stable
public final class DjlModels {

    private DjlModels() {
    }

    /** The model's block, on the model's manager; {@code inputShape} is (C, H, W). */
    public static ExplainableModel of(Model model, long[] inputShape) {
        if (model == null || model.getBlock() == null) {
            throw new LoupeException(ErrorKind.INPUT, "The DJL model has no block; set one with model.setBlock(...).");
        }
        Block block = model.getBlock();
        String source = "DJL model " + model.getName() + " (" + block.getClass().getSimpleName() + ")";
        return open(block, model.getNDManager(), inputShape, source);
    }

    /**
     * An initialized block whose parameters live on {@code manager}'s device; {@code inputShape}
     * is (C, H, W). The model's arrays live in a sub-manager of {@code manager}.
     */
    public static ExplainableModel of(Block block, NDManager manager, long[] inputShape) {
        if (block == null) {
            throw new LoupeException(ErrorKind.INPUT, "No DJL block was given.");
        }
        return open(block, manager, inputShape, "DJL block " + block.getClass().getSimpleName());
    }

    private static ExplainableModel open(Block block, NDManager manager, long[] inputShape, String source) {
        if (inputShape == null || inputShape.length != 3 || inputShape[0] < 1 || inputShape[1] < 1 || inputShape[2] < 1) {
            throw new LoupeException(ErrorKind.INPUT, "The input shape must be (C, H, W) with positive sizes, got "
                    + (inputShape == null ? "none" : java.util.Arrays.toString(inputShape)) + ".");
        }
        if (!(manager instanceof PtNDManager)) {
            throw new LoupeException(ErrorKind.INPUT, "Loupe's DJL backend runs on the PyTorch engine only; "
                    + source + " has " + (manager == null ? "no NDManager" : "an NDManager of engine "
                    + manager.getEngine().getEngineName()) + ".");
        }
        refuseSymbolBlocks(block, source, "the block");
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (!p.getValue().isInitialized()) {
                throw new LoupeException(ErrorKind.INPUT, source + " is not initialized (parameter " + p.getKey()
                        + " has no values). Call block.initialize(manager, DataType.FLOAT32, new Shape(1, "
                        + inputShape[0] + ", " + inputShape[1] + ", " + inputShape[2] + ")) or load its parameters first.");
            }
        }
        return new BlockModel(block, manager, inputShape.clone(), source, parameterDigest(block, manager));
    }

    private static void refuseSymbolBlocks(Block block, String source, String where) {
        if (block instanceof SymbolBlock) {
            throw new LoupeException(ErrorKind.INPUT, source + ": " + where + " is a " + block.getClass().getSimpleName()
                    + " (a loaded TorchScript/symbolic module), which DJL runs without autograd outside training."
                    + " Open TorchScript files through Loupe's model files instead.");
        }
        for (Pair<String, Block> child : block.getChildren()) {
            refuseSymbolBlocks(child.getValue(), source, "child " + child.getKey());
        }
    }

    private static String parameterDigest(Block block, NDManager manager) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        for (Pair<String, Parameter> p : block.getParameters()) {
            // a detached alias in a scratch manager: a GPU parameter's host copy is freed at once
            try (NDManager scratch = manager.newSubManager()) {
                NDArray array = p.getValue().getArray().stopGradient();
                array.attach(scratch);
                String header = p.getKey() + "|" + array.getDataType() + "|" + array.getShape() + "|";
                digest.update(header.getBytes(StandardCharsets.UTF_8));
                NDArray host = array.toDevice(ai.djl.Device.cpu(), false);
                host.attach(scratch);
                digest.update(host.toByteBuffer(false));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
