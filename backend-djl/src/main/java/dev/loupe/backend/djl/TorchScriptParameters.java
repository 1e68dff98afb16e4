package dev.loupe.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.util.Pair;
import dev.loupe.core.model.GaussianLike;
import dev.loupe.core.model.ModelParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The trainable parameters of a TorchScript model and of every rewritten copy of it (taps,
 * scaling, ReLU cuts): each copy is a separate libtorch module with its own parameter tensors, so
 * an edit writes the same values into all of them, and into copies loaded while it is open.
 * Parameter names ({@code features.0.weight}) are the module paths plus the attribute, so a layer
 * is a name without its last segment. Running statistics are buffers, not parameters: untouched.
 *
 * <p>Values are written in place ({@code tensor[...] = values}, no autograd) so the module keeps
 * its tensor objects; the originals are kept on the host and written back exactly on close.
 */
final class TorchScriptParameters implements ModelParameters {

    private final PtSymbolBlock reference;
    private final Supplier<List<PtSymbolBlock>> loadedBlocks;
    private final Map<String, List<String>> tensorsByLayer = new LinkedHashMap<>();
    private Edit active;

    TorchScriptParameters(PtSymbolBlock reference, Supplier<List<PtSymbolBlock>> loadedBlocks) {
        this.reference = reference;
        this.loadedBlocks = loadedBlocks;
        // named_parameters order: modules in registration order, which for the sequential and
        // torchvision models here is execution order
        for (Pair<String, Parameter> p : reference.getParameters()) {
            String name = p.getKey();
            int dot = name.lastIndexOf('.');
            String layer = dot < 0 ? "" : name.substring(0, dot);
            tensorsByLayer.computeIfAbsent(layer, k -> new ArrayList<>()).add(name);
        }
    }

    @Override
    public List<String> layers() {
        return List.copyOf(tensorsByLayer.keySet());
    }

    /** The parameter tensors of one layer, for tests and messages. */
    List<String> tensors(String layer) {
        return tensorsByLayer.getOrDefault(layer, List.of());
    }

    @Override
    public synchronized ParameterEdit randomize(List<String> layers, long seed) {
        if (active != null) {
            throw new IllegalStateException("the parameters are already randomised; close that edit first");
        }
        Map<String, float[]> originals = new LinkedHashMap<>();
        Map<String, float[]> randomised = new LinkedHashMap<>();
        Map<String, Parameter> params = byName(reference);
        for (String layer : layers) {
            List<String> names = tensorsByLayer.get(layer);
            if (names == null) {
                throw new IllegalArgumentException("'" + layer + "' is not a layer with trainable parameters; they are "
                        + tensorsByLayer.keySet());
            }
            for (String name : names) {
                float[] values = params.get(name).getArray().toFloatArray();
                originals.put(name, values);
                randomised.put(name, GaussianLike.draw(values, GaussianLike.seedFor(seed, name)));
            }
        }
        Edit edit = new Edit(originals, randomised);
        active = edit;
        try {
            for (PtSymbolBlock block : loadedBlocks.get()) {
                write(block, randomised);
            }
        } catch (RuntimeException e) {
            edit.close();
            throw e;
        }
        return edit;
    }

    /** Brings a copy loaded after {@link #randomize} in line with the open edit, if any. */
    synchronized void loaded(PtSymbolBlock block) {
        if (active != null) {
            write(block, active.randomised);
        }
    }

    private static Map<String, Parameter> byName(PtSymbolBlock block) {
        Map<String, Parameter> map = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            map.put(p.getKey(), p.getValue());
        }
        return map;
    }

    private static void write(PtSymbolBlock block, Map<String, float[]> values) {
        Map<String, Parameter> params = byName(block);
        try (GradMode off = GradMode.enabled(false)) {
            values.forEach((name, v) -> {
                Parameter p = params.get(name);
                if (p == null) {
                    throw new IllegalStateException("a rewritten copy of the model lacks parameter " + name);
                }
                NDArray target = p.getArray();
                try (NDManager temp = target.getManager().newSubManager()) {
                    target.set(new NDIndex("..."), temp.create(v, target.getShape()));
                }
            });
        }
    }

    private final class Edit implements ParameterEdit {

        private final Map<String, float[]> originals;
        private final Map<String, float[]> randomised;
        private boolean closed;

        Edit(Map<String, float[]> originals, Map<String, float[]> randomised) {
            this.originals = originals;
            this.randomised = randomised;
        }

        @Override
        public void close() {
            synchronized (TorchScriptParameters.this) {
                if (closed) {
                    return;
                }
                closed = true;
                active = null;
                for (PtSymbolBlock block : loadedBlocks.get()) {
                    write(block, originals);
                }
            }
        }
    }
}
