package dev.loupe.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import dev.loupe.core.model.GaussianLike;
import dev.loupe.core.model.ModelParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trainable parameters of a caller's DJL block, by layer path ({@code 0}, {@code 1.0}): each
 * node's direct parameters except batch-norm running statistics. Values are written into the
 * parameter arrays in place, without autograd; scopes read them through
 * {@link DetachedParameterStore}'s aliases of the same storage. The originals are copied into a
 * sub-manager of the model's and written back exactly (float64 blocks included) on close.
 */
final class BlockParameters implements ModelParameters {

    private final NDManager manager;
    private final Map<String, List<Parameter>> byLayer = new LinkedHashMap<>();
    private Edit active;

    BlockParameters(BlockNetwork network, NDManager manager) {
        this.manager = manager;
        for (BlockNetwork.Node node : network.nodes()) {
            List<Parameter> trainable = new ArrayList<>();
            for (Parameter p : node.block().getDirectParameters().values()) {
                if (p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR) {
                    trainable.add(p);
                }
            }
            if (!trainable.isEmpty()) {
                byLayer.put(node.path(), trainable);
            }
        }
    }

    @Override
    public List<String> layers() {
        return List.copyOf(byLayer.keySet());
    }

    @Override
    public synchronized ParameterEdit randomize(List<String> layers, long seed) {
        if (active != null) {
            throw new IllegalStateException("the parameters are already randomised; close that edit first");
        }
        List<Parameter> chosen = new ArrayList<>();
        for (String layer : layers) {
            List<Parameter> params = byLayer.get(layer);
            if (params == null) {
                throw new IllegalArgumentException("'" + layer + "' is not a layer with trainable parameters; they are "
                        + byLayer.keySet());
            }
            chosen.addAll(params);
        }
        NDManager originals = manager.newSubManager();
        Map<Parameter, NDArray> saved = new LinkedHashMap<>();
        Edit edit = new Edit(originals, saved);
        active = edit;
        try (GradMode off = GradMode.enabled(false); NDManager temp = manager.newSubManager()) {
            for (Parameter p : chosen) {
                NDArray array = p.getArray();
                NDArray copy = array.duplicate();
                copy.attach(originals);
                saved.put(p, copy);
                float[] values = array.toType(DataType.FLOAT32, true).toFloatArray();
                // the layer path plus the parameter's name, so two layers never share a seed
                String name = layerOf(p) + "." + p.getName();
                float[] random = GaussianLike.draw(values, GaussianLike.seedFor(seed, name));
                array.set(new NDIndex("..."), temp.create(random, array.getShape()).toType(array.getDataType(), false));
            }
        } catch (RuntimeException e) {
            edit.close();
            throw e;
        }
        return edit;
    }

    private String layerOf(Parameter p) {
        for (Map.Entry<String, List<Parameter>> e : byLayer.entrySet()) {
            if (e.getValue().contains(p)) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("parameter " + p.getName() + " belongs to no layer");
    }

    private final class Edit implements ParameterEdit {

        private final NDManager originals;
        private final Map<Parameter, NDArray> saved;
        private boolean closed;

        Edit(NDManager originals, Map<Parameter, NDArray> saved) {
            this.originals = originals;
            this.saved = saved;
        }

        @Override
        public void close() {
            synchronized (BlockParameters.this) {
                if (closed) {
                    return;
                }
                closed = true;
                active = null;
                try (GradMode off = GradMode.enabled(false)) {
                    saved.forEach((p, original) -> p.getArray().set(new NDIndex("..."), original));
                } finally {
                    originals.close();
                }
            }
        }
    }
}
