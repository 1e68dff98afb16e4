package dev.loupe.backend.tensorflow;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.model.GaussianLike;
import dev.loupe.core.model.ModelParameters;
import dev.loupe.core.tensor.FloatArray;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The trainable variables of a SavedModel, in every graph the model has loaded (the plain one and
 * the ReLU-rewritten copies each have a session with its own variables), and in graphs loaded
 * while an edit is open. Values are written by {@code AssignVariableOp}s fed from placeholders,
 * added to each graph once: the change persists in the session, for forwards and gradients alike.
 * The originals are read once, kept on the host and assigned back exactly on close.
 */
final class TfParameters implements ModelParameters {

    /** The ops added to one graph for one variable: where to feed, what to run, what to read. */
    private record VariableOps(String value, String assign, String read) {
    }

    private final TrainableVariables variables;
    private final Supplier<List<LoadedGraph>> loadedGraphs;
    private final String source;
    private final Map<LoadedGraph, Map<String, VariableOps>> ops = new IdentityHashMap<>();
    private Edit active;

    TfParameters(TrainableVariables variables, Supplier<List<LoadedGraph>> loadedGraphs, String source) {
        this.variables = variables;
        this.loadedGraphs = loadedGraphs;
        this.source = source;
    }

    @Override
    public List<String> layers() {
        return List.copyOf(variables.byLayer().keySet());
    }

    /** The variables of one layer, for tests and messages. */
    List<String> variables(String layer) {
        return variables.byLayer().getOrDefault(layer, List.of());
    }

    @Override
    public ParameterEdit randomize(List<String> layers, long seed) {
        // the graph list is taken before this object's lock: loading a graph takes the model's
        // graph lock and then this one (see loaded), never the other way round
        List<LoadedGraph> graphs = loadedGraphs.get();
        synchronized (this) {
            return randomize(layers, seed, graphs);
        }
    }

    private ParameterEdit randomize(List<String> layers, long seed, List<LoadedGraph> graphs) {
        if (active != null) {
            throw new IllegalStateException("the parameters are already randomised; close that edit first");
        }
        if (!variables.refVariables().isEmpty()) {
            throw new LoupeException(ErrorKind.INPUT, source + " keeps its weights in TF1 reference variables ("
                    + variables.refVariables().get(0) + ", a " + "VariableV2), which Loupe cannot assign; re-export it"
                    + " with resource variables (TF2, or tf.compat.v1.enable_resource_variables()).");
        }
        List<String> names = new ArrayList<>();
        for (String layer : layers) {
            List<String> inLayer = variables.byLayer().get(layer);
            if (inLayer == null) {
                throw new IllegalArgumentException("'" + layer + "' is not a layer with trainable variables; they are "
                        + variables.byLayer().keySet());
            }
            names.addAll(inLayer);
        }
        LoadedGraph first = graphs.get(0);
        Map<String, FloatArray> originals = read(first, names);
        Map<String, FloatArray> randomised = new LinkedHashMap<>();
        originals.forEach((name, value) -> randomised.put(name,
                new FloatArray(GaussianLike.draw(value.data(), GaussianLike.seedFor(seed, name)), value.shape())));
        Edit edit = new Edit(originals, randomised);
        active = edit;
        try {
            for (LoadedGraph graph : graphs) {
                write(graph, randomised);
            }
        } catch (RuntimeException e) {
            edit.close();
            throw e;
        }
        return edit;
    }

    /** Brings a graph loaded after {@link #randomize} in line with the open edit, if any. */
    synchronized void loaded(LoadedGraph graph) {
        if (active != null) {
            write(graph, active.randomised);
        }
    }

    private VariableOps opsFor(LoadedGraph graph, String variable) {
        return ops.computeIfAbsent(graph, g -> new LinkedHashMap<>()).computeIfAbsent(variable, v -> {
            Ops tf = Ops.create(graph.graph()).withSubScope("loupe_parameters");
            Operand<?> handle = graph.graph().operationOrThrow(v).output(0);
            String base = v.replace('/', '_');
            Placeholder<TFloat32> value = tf.withName(base + "_value").placeholder(TFloat32.class);
            var assign = tf.withName(base + "_assign").assignVariableOp(handle, value);
            var read = tf.withName(base + "_read").readVariableOp(handle, TFloat32.class);
            return new VariableOps(value.op().name(), assign.op().name(), read.op().name());
        });
    }

    private Map<String, FloatArray> read(LoadedGraph graph, List<String> names) {
        Session.Runner runner = graph.session().runner();
        for (String name : names) {
            runner.fetch(opsFor(graph, name).read());
        }
        Map<String, FloatArray> values = new LinkedHashMap<>();
        try (Result result = runner.run()) {
            for (int k = 0; k < names.size(); k++) {
                values.put(names.get(k), HostArrays.fromTensor((TFloat32) result.get(k)));
            }
        }
        return values;
    }

    private void write(LoadedGraph graph, Map<String, FloatArray> values) {
        List<TFloat32> fed = new ArrayList<>();
        try {
            Session.Runner runner = graph.session().runner();
            values.forEach((name, value) -> {
                VariableOps o = opsFor(graph, name);
                TFloat32 t = HostArrays.toTensor(value);
                fed.add(t);
                runner.feed(o.value(), t).addTarget(o.assign());
            });
            runner.run().close();
        } finally {
            fed.forEach(TFloat32::close);
        }
    }

    private final class Edit implements ParameterEdit {

        private final Map<String, FloatArray> originals;
        private final Map<String, FloatArray> randomised;
        private boolean closed;

        Edit(Map<String, FloatArray> originals, Map<String, FloatArray> randomised) {
            this.originals = originals;
            this.randomised = randomised;
        }

        @Override
        public void close() {
            List<LoadedGraph> graphs = loadedGraphs.get();
            synchronized (TfParameters.this) {
                if (closed) {
                    return;
                }
                closed = true;
                active = null;
                for (LoadedGraph graph : graphs) {
                    write(graph, originals);
                }
            }
        }
    }
}
