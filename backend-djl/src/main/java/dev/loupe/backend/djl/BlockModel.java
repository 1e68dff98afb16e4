package dev.loupe.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.layer.LayerInfo;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelDescription;
import dev.loupe.core.model.ModelParameters;
import dev.loupe.core.model.Scope;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A caller's DJL {@link Block} as an {@link ExplainableModel}; see {@link DjlModels}. It owns
 * only a sub-manager of the caller's manager (where its scopes live), never the block.
 */
final class BlockModel implements ExplainableModel {

    private final NDManager manager;
    private final BlockNetwork network;
    private final ModelDescription description;
    private final List<LayerInfo> layers;
    private final BlockParameters parameters;

    BlockModel(Block block, NDManager callerManager, long[] inputShape, String source, String sha256) {
        this.network = new BlockNetwork(block);
        this.manager = callerManager.newSubManager();
        try {
            int classCount;
            try (NDManager probe = manager.newSubManager(); GradMode off = GradMode.enabled(false)) {
                Network.Outputs out = probe(probe, block, inputShape);
                classCount = (int) out.logits().getShape().get(1);
                this.layers = layerInfos(out.taps());
            }
            String device = DjlEngine.loupeDevice(manager.getDevice()).toString();
            this.description = new ModelDescription("djl", source, sha256, device, inputShape, classCount);
            this.parameters = new BlockParameters(network, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** One forward at batch 1 with every child tapped: the class count and every layer's shape. */
    private Network.Outputs probe(NDManager probe, Block block, long[] c) {
        String what = "The DJL block " + block.getClass().getSimpleName();
        Network.Outputs out;
        try {
            NDArray zeros = probe.zeros(new Shape(1, c[0], c[1], c[2]));
            Set<String> all = new LinkedHashSet<>();
            network.nodes().forEach(n -> all.add(n.path()));
            out = network.run(probe, zeros, all, false, true);
        } catch (RuntimeException e) {
            throw new LoupeException(ErrorKind.INPUT, what + " failed on an input of shape (1, " + c[0] + ", " + c[1]
                    + ", " + c[2] + "): " + e.getMessage() + ". Check the input shape given to DjlModels.of.", e);
        }
        if (out.logits().getShape().dimension() != 2) {
            throw new LoupeException(ErrorKind.INPUT, what + " returns shape " + out.logits().getShape()
                    + " for one image; a classifier must return logits of shape (batch, classes).");
        }
        return out;
    }

    private List<LayerInfo> layerInfos(Map<String, NDArray> taps) {
        List<LayerInfo> result = new ArrayList<>();
        for (BlockNetwork.Node node : network.nodes()) {
            NDArray value = taps.get(node.path());
            result.add(new LayerInfo(node.path(), node.type(), value == null ? null : value.getShape().getShape()));
        }
        return List.copyOf(result);
    }

    @Override
    public ModelDescription description() {
        return description;
    }

    @Override
    public Set<Capability> capabilities() {
        // listed one by one, not allOf: a capability added to core later must be built for blocks first
        EnumSet<Capability> caps = network.sequential()
                ? EnumSet.of(Capability.FORWARD, Capability.INPUT_GRADIENT, Capability.LAYER_ACTIVATION, Capability.LAYER_GRADIENT,
                        Capability.RELU_RULES, Capability.LAYER_SCALING)
                : EnumSet.of(Capability.FORWARD, Capability.INPUT_GRADIENT);
        if (!parameters.layers().isEmpty()) {
            caps.add(Capability.PARAMETER_RANDOMIZATION);
        }
        return caps;
    }

    @Override
    public List<LayerInfo> layers() {
        return layers;
    }

    @Override
    public ModelParameters parameters() {
        return parameters;
    }

    @Override
    public Scope openScope() {
        return new DjlScope(manager, network, this);
    }

    /** Frees this model's arrays and scopes; the block and the caller's manager stay usable. */
    @Override
    public void close() {
        manager.close();
    }
}
