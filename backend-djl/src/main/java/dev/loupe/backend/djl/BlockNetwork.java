package dev.loupe.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.layer.LayerInfo;
import dev.loupe.core.layer.LayerSelector;
import dev.loupe.core.layer.UnknownLayerException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A DJL {@link Block} run as a {@link Network}. The block runs with {@code training=false}
 * (BatchNorm uses its running statistics, Dropout is off); {@link GradMode} alone decides whether
 * autograd records, and parameters come from a {@link DetachedParameterStore}, so gradients
 * reach only the input and the tap leaves.
 *
 * <p>Layers: when the block is a plain {@link SequentialBlock}, its children are addressable as
 * PyTorch's {@code nn.Sequential} names them: {@code "0"}, {@code "1"}, and {@code "1.0"} for a
 * child of a nested plain SequentialBlock. Any other block (and the inside of any non-sequential
 * child) is opaque. A tap runs the sequential children one by one; at a tapped child's output
 * {@code a} it records {@code leaf = a.stopGradient()} with {@code requires_grad} and continues
 * with {@code (leaf - a.stopGradient()) + a}: the same values, and a backward reaches both the
 * leaf and everything before it.
 */
final class BlockNetwork implements Network {

    /** An addressable child: its dotted path, type (class simple name) and block. */
    record Node(String path, String type, Block block) {
    }

    private final Block root;
    private final DataType parameterType;
    private final List<Node> nodes;
    private final Set<String> paths = new LinkedHashSet<>();

    BlockNetwork(Block root) {
        this.root = root;
        this.parameterType = parameterType(root);
        List<Node> found = new ArrayList<>();
        if (isPlainSequential(root)) {
            collect(root, "", found);
        }
        this.nodes = List.copyOf(found);
        nodes.forEach(n -> paths.add(n.path()));
    }

    boolean sequential() {
        return isPlainSequential(root);
    }

    List<Node> nodes() {
        return nodes;
    }

    /** A SequentialBlock whose forward is SequentialBlock's own, so its children can be run by hand. */
    static boolean isPlainSequential(Block block) {
        if (!(block instanceof SequentialBlock)) {
            return false;
        }
        for (Class<?> c = block.getClass(); c != SequentialBlock.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals("forward") || m.getName().equals("forwardInternal")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void collect(Block block, String prefix, List<Node> out) {
        List<Block> children = block.getChildren().values();
        for (int i = 0; i < children.size(); i++) {
            Block child = children.get(i);
            String path = prefix + i;
            out.add(new Node(path, child.getClass().getSimpleName(), child));
            if (isPlainSequential(child)) {
                collect(child, path + ".", out);
            }
        }
    }

    /**
     * The floating type of the block's parameters: float32, float64, or null when it has none.
     * Others are refused: the input is cast by type promotion (see {@link #run}), which only
     * widens.
     */
    private static DataType parameterType(Block block) {
        for (Parameter p : block.getParameters().values()) {
            DataType type = p.getArray().getDataType();
            if (type == DataType.FLOAT32 || type == DataType.FLOAT64) {
                return type;
            }
            if (type.isFloating()) {
                throw new LoupeException(ErrorKind.INPUT, "The DJL block " + block.getClass().getSimpleName()
                        + " has " + type + " parameters (" + p.getName() + "); Loupe runs float32 and float64"
                        + " blocks. Cast it with block.cast(DataType.FLOAT32).");
            }
        }
        return null;
    }

    @Override
    public Outputs forward(NDManager manager, NDArray input, List<String> layers, boolean withGradients) {
        requireLayers(layers);
        return run(manager, input, new Walk(manager, new LinkedHashSet<>(layers), withGradients, false));
    }

    /** Runs the children by hand as a tap does, with {@code layer}'s output multiplied by {@code factor}. */
    @Override
    public NDArray forwardScaled(NDManager manager, NDArray input, String layer, NDArray factor) {
        requireLayers(List.of(layer));
        Walk walk = new Walk(manager, Set.of(layer), false, false);
        walk.scale(layer, factor);
        return run(manager, input, walk).logits();
    }

    private void requireLayers(List<String> layers) {
        for (String layer : layers) {
            if (!paths.contains(layer)) {
                if (!sequential()) {
                    throw new UnknownLayerException(layer, List.of(), "The DJL block "
                            + root.getClass().getSimpleName() + " is not a SequentialBlock, so it has no addressable"
                            + " layers (asked for '" + layer + "'); only forward passes and input gradients work.");
                }
                List<LayerInfo> known = nodes.stream().map(n -> new LayerInfo(n.path(), n.type(), new long[0])).toList();
                new LayerSelector(known).select(layer); // throws UnknownLayerException with close names
            }
        }
    }

    /**
     * Runs the block, tapping {@code layers}; with {@code lenient} a layer that does not return a
     * single tensor is skipped instead of refused (the probe that measures every layer).
     */
    Outputs run(NDManager manager, NDArray input, Set<String> layers, boolean withGradients, boolean lenient) {
        return run(manager, input, new Walk(manager, layers, withGradients, lenient));
    }

    private Outputs run(NDManager manager, NDArray input, Walk walk) {
        NDArray x = input;
        if (parameterType != null && input.getDataType() != parameterType) {
            // NDArray.toType cuts the autograd graph in DJL's PyTorch engine (a backward then
            // fails: "does not require grad"); adding zeros of the wider type casts by type
            // promotion, differentiably, and autograd casts the gradient back to the input's type.
            x = manager.zeros(input.getShape(), parameterType).add(input);
        }
        NDList out = walk.run(root, "", new NDList(x));
        if (out.isEmpty()) {
            throw new LoupeException(ErrorKind.INPUT, "The DJL block " + root.getClass().getSimpleName()
                    + " returned no arrays; a classifier must return logits of shape (batch, classes).");
        }
        // float64 logits stay float64: DjlScope's mask and seed gradient are promoted/cast by
        // libtorch, and Tensor.toHost converts
        return new Outputs(out.get(0), walk.taps);
    }

    /**
     * The forward with a cut at every ReLU, for guided backprop and deconvnet. A ReLU is a child
     * made by {@code Activation.reluBlock()} (a LambdaBlock named "ReLU") of the root or of a
     * nested plain SequentialBlock; a ReLU hidden inside any other block cannot be cut and is
     * refused, so no ReLU silently keeps its plain backward. (ReLUs that a block's own code
     * applies, e.g. {@code Activation.relu(x)} inside a custom forward, are invisible here.)
     */
    @Override
    public CutOutputs forwardReluCut(NDManager manager, NDArray input) {
        if (!sequential()) {
            throw new LoupeException(ErrorKind.INPUT, "ReLU rules (guided backprop, deconvnet) on a DJL block need a"
                    + " SequentialBlock whose ReLUs are Activation.reluBlock() children; "
                    + root.getClass().getSimpleName() + " is not one.");
        }
        NDArray x = parameterType != null && input.getDataType() != parameterType
                ? manager.zeros(input.getShape(), parameterType).add(input) : input;
        List<NDArray> reluInputs = new ArrayList<>();
        List<NDArray> leaves = new ArrayList<>();
        NDList out = cutWalk(root, "", new NDList(x), new DetachedParameterStore(manager), manager, reluInputs, leaves);
        if (reluInputs.isEmpty()) {
            throw new LoupeException(ErrorKind.INPUT, "The DJL block has no Activation.reluBlock() child, so a ReLU"
                    + " rule would change nothing; use saliency.");
        }
        return new CutOutputs(out.get(0), reluInputs, leaves);
    }

    private static NDList cutWalk(Block block, String prefix, NDList input, ParameterStore store, NDManager manager,
            List<NDArray> reluInputs, List<NDArray> leaves) {
        if (((SequentialBlock) block).isReturnIntermediate()) {
            throw new LoupeException(ErrorKind.INPUT, "ReLU rules are not supported on a SequentialBlock that returns"
                    + " its intermediate outputs ('" + prefix + "').");
        }
        List<Block> children = block.getChildren().values();
        NDList current = input;
        for (int i = 0; i < children.size(); i++) {
            Block child = children.get(i);
            if (isRelu(child)) {
                NDArray s = current.singletonOrThrow();
                NDArray leaf = Activation.relu(s).stopGradient();
                leaf.attach(manager);
                leaf.setRequiresGradient(true);
                reluInputs.add(s);
                leaves.add(leaf);
                current = new NDList(leaf);
            } else if (isPlainSequential(child)) {
                current = cutWalk(child, prefix + i + ".", current, store, manager, reluInputs, leaves);
            } else if (containsRelu(child)) {
                throw new LoupeException(ErrorKind.INPUT, "Layer '" + prefix + i + "' (" + child.getClass().getSimpleName()
                        + ") holds a ReLU inside a block that is not a plain SequentialBlock, so its backward cannot"
                        + " be changed; guided backprop and deconvnet would be wrong there.");
            } else {
                current = child.forward(store, current, false);
            }
        }
        return current;
    }

    static boolean isRelu(Block block) {
        return block instanceof LambdaBlock lambda && "ReLU".equals(lambda.getName());
    }

    private static boolean containsRelu(Block block) {
        for (Block child : block.getChildren().values()) {
            if (isRelu(child) || containsRelu(child)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        // the block belongs to the caller; the model's manager is closed by the model
    }

    private static final class Walk {

        private final NDManager manager;
        private final ParameterStore store;
        private final Set<String> wanted;
        private final boolean withGradients;
        private final boolean lenient;
        private final Map<String, NDArray> taps = new LinkedHashMap<>();
        private String scaled;
        private NDArray factor;

        Walk(NDManager manager, Set<String> wanted, boolean withGradients, boolean lenient) {
            this.manager = manager;
            this.store = new DetachedParameterStore(manager);
            this.wanted = wanted;
            this.withGradients = withGradients;
            this.lenient = lenient;
        }

        /** Multiplies the output of {@code path} (one of the wanted paths) by {@code f} instead of tapping it. */
        void scale(String path, NDArray f) {
            this.scaled = path;
            this.factor = f;
        }

        /** SequentialBlock.forwardInternal, child by child, with taps; other blocks as they are. */
        NDList run(Block block, String prefix, NDList input) {
            if (wanted.isEmpty() || !isPlainSequential(block)) {
                return block.forward(store, input, false);
            }
            List<Block> children = block.getChildren().values();
            List<NDList> outputs = new ArrayList<>();
            NDList current = input;
            for (int i = 0; i < children.size(); i++) {
                String path = prefix + i;
                Block child = children.get(i);
                current = containsWanted(path) ? run(child, path + ".", current) : child.forward(store, current, false);
                current = tap(path, current);
                outputs.add(current);
            }
            if (((SequentialBlock) block).isReturnIntermediate()) {
                NDList all = new NDList();
                outputs.forEach(all::addAll);
                return all;
            }
            return current;
        }

        private boolean containsWanted(String path) {
            String prefix = path + ".";
            return wanted.stream().anyMatch(w -> w.startsWith(prefix));
        }

        private NDList tap(String path, NDList out) {
            if (!wanted.contains(path)) {
                return out;
            }
            if (out.size() != 1) {
                if (lenient) {
                    return out;
                }
                throw new LoupeException(ErrorKind.INPUT, "Layer '" + path + "' returns " + out.size()
                        + " arrays, not a single tensor, so its output cannot be captured or scaled; choose one of"
                        + " its children or another layer.");
            }
            NDArray a = out.get(0);
            if (path.equals(scaled)) {
                return new NDList(a.mul(factor));
            }
            if (!withGradients) {
                // the rest of the network gets a copy: nothing downstream can change the capture
                taps.put(path, a);
                return new NDList(a.duplicate());
            }
            NDArray leaf = a.stopGradient();
            leaf.attach(manager);
            leaf.setRequiresGradient(true);
            NDArray detached = a.stopGradient();
            detached.attach(manager);
            taps.put(path, leaf);
            // (leaf - a) is exactly zero, so the values go on unchanged; d/d(leaf) = d/d(a) = upstream
            return new NDList(leaf.sub(detached).add(a));
        }
    }
}
