package dev.loupe.backend.tensorflow;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.layer.LayerInfo;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelDescription;
import dev.loupe.core.model.ModelParameters;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.model.ReluRule;
import dev.loupe.core.model.Scope;
import dev.loupe.core.tensor.FloatArray;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;

/**
 * A SavedModel opened for explanation. The signature's network is inlined (see
 * {@link FunctionInliner}) and imported into a graph of its own, so every op on the forward path
 * can be fetched, fed and differentiated. Gradient ops are added to that graph on first use, one
 * set per (ReLU rule, layers) combination; guided and deconvnet backward passes run on copies whose
 * ReLUs were rebuilt (see {@link ReluRewriter}). Tensors cross into TensorFlow only for a
 * session run and are closed right after it, so a scope owns nothing native.
 */
final class SavedModelModel implements ExplainableModel {

    private static final Logger LOG = LoggerFactory.getLogger(SavedModelModel.class);

    private final ModelSpec spec;
    private final SavedModelDir dir;
    private final MetaGraphDef meta;
    private final GraphDef graphDef;
    private final GraphIndex index;
    private final List<String> forward;
    private final LayerTree tree;
    private final String root;
    private volatile TrainableVariables variables;
    private volatile TfParameters parameters;
    private final String inputTensor;
    private final String outputTensor;
    private final boolean inputNhwc;
    private final boolean innerNhwc;
    private final int classCount;
    private final TfDevice device;
    private final Map<ReluRule, LoadedGraph> graphs = new EnumMap<>(ReluRule.class);
    private final Map<GradientKey, GradientOps> gradients = new ConcurrentHashMap<>();
    private final Map<GradientKey, LoupeException> gradientFailures = new ConcurrentHashMap<>();
    private int gradientSerial;
    private final String hash;
    private volatile List<LayerInfo> layers;
    private volatile String inputGradientProblem;
    private volatile boolean gradientChecked;

    private SavedModelModel(ModelSpec spec) {
        this.spec = spec;
        ModelOptions options = ModelOptions.parse(spec.options());
        this.dir = SavedModelDir.read(spec.path());
        this.meta = dir.metaGraph(options.tags());
        SignatureDef signature = SavedModelDir.signature(meta, options.signature(), dir.folder());
        TensorInfo input = pick(signature.getInputsMap(), options.input(), "input", options.signature());
        TensorInfo output = pick(signature.getOutputsMap(), options.output(), "output", options.signature());
        FunctionInliner.Inlined inlined = FunctionInliner.inline(meta.getGraphDef(), List.of(output.getName()));
        this.graphDef = inlined.graph();
        this.index = new GraphIndex(graphDef);
        this.inputTensor = TensorName.parse(input.getName()).toString();
        this.outputTensor = inlined.resolve(output.getName());
        this.forward = index.forwardPath(TensorName.parse(inputTensor).node(), TensorName.parse(outputTensor).node());
        if (forward.size() < 2 || !forward.get(0).equals(TensorName.parse(inputTensor).node())) {
            throw new LoupeException(ErrorKind.INPUT, "In " + dir.folder() + ", signature output " + output.getName()
                    + " does not depend on input " + input.getName() + "; choose another input or output.");
        }
        this.root = modelRoot(inlined.inlinedCalls());
        this.tree = new LayerTree(index, forward, outputTensor, root);
        this.innerNhwc = !forward.stream().map(index::node)
                .anyMatch(n -> n.getOp().startsWith("Conv2D") && n.getAttrMap().containsKey("data_format")
                        && n.getAttrMap().get("data_format").getS().toStringUtf8().equals("NCHW"));
        this.inputNhwc = inputLayout(input, options.layout());
        this.device = TfDevice.choose(spec.device());
        this.hash = Sha256.of(dir.folder());
        LoadedGraph plain = LoadedGraph.load(graphDef, meta, dir.variablesPrefix(), device.config());
        graphs.put(ReluRule.PLAIN, plain);
        try {
            device.confirm(plain.session());
            this.classCount = probeClassCount(plain);
        } catch (RuntimeException e) {
            plain.close();
            throw e;
        }
        if (index.node(TensorName.parse(outputTensor).node()).getOp().equals("Softmax")) {
            LOG.warn("Output '{}' of {} is a softmax: attributions will explain probabilities, not logits. If the"
                    + " signature has a logits output, choose it with --model-option output=NAME.", output.getName(), dir.folder());
        }
    }

    static SavedModelModel open(ModelSpec spec) {
        try {
            return new SavedModelModel(spec);
        } catch (TensorFlowException e) {
            throw new LoupeException(ErrorKind.INPUT, "TensorFlow could not load the SavedModel " + spec.path() + ": "
                    + e.getMessage(), e);
        }
    }

    private static TensorInfo pick(Map<String, TensorInfo> choices, String wanted, String what, String signature) {
        if (wanted != null) {
            TensorInfo info = choices.get(wanted);
            if (info == null) {
                throw new LoupeException(ErrorKind.INPUT, "Signature '" + signature + "' has no " + what + " '" + wanted
                        + "'. Its " + what + "s: " + String.join(", ", choices.keySet().stream().sorted().toList()) + ".");
            }
            return info;
        }
        if (choices.size() != 1) {
            throw new LoupeException(ErrorKind.INPUT, "Signature '" + signature + "' has " + choices.size() + " " + what
                    + "s (" + String.join(", ", choices.keySet().stream().sorted().toList()) + "); choose one with"
                    + " --model-option " + what + "=NAME (YAML: model.options." + what + ").");
        }
        return choices.values().iterator().next();
    }

    /**
     * The prefix dropped from op names. For a Keras-style model: the inlined calls down to the
     * network (TF2 signatures wrap the model's call in another), then the model's own name scope,
     * each taken only while every scoped op on the forward path shares it. Graph-mode names stay
     * as they are.
     */
    private String modelRoot(List<String> calls) {
        if (calls.isEmpty()) {
            return "";
        }
        String root = "";
        while (true) {
            String shared = null;
            for (String node : forward.subList(1, forward.size())) {
                int slash = node.startsWith(root) ? node.indexOf('/', root.length()) : -1;
                if (slash < 0) {
                    continue; // an op outside any scope (a result's Identity) decides nothing
                }
                String first = node.substring(root.length(), slash);
                if (shared == null) {
                    shared = first;
                } else if (!shared.equals(first)) {
                    return root;
                }
            }
            if (shared == null) {
                return root;
            }
            root = root + shared + "/";
            if (!calls.contains(root.substring(0, root.length() - 1))) {
                return root; // the model's scope: stop there
            }
        }
    }

    private boolean inputLayout(TensorInfo input, ModelOptions.Layout layout) {
        if (layout != ModelOptions.Layout.AUTO) {
            return layout == ModelOptions.Layout.NHWC;
        }
        long channels = spec.inputShape()[0];
        List<Long> dims = input.getTensorShape().getDimList().stream().map(d -> d.getSize()).toList();
        if (dims.size() != 4) {
            throw new LoupeException(ErrorKind.INPUT, "Input " + input.getName() + " has " + (input.getTensorShape().getUnknownRank()
                    ? "an unknown rank" : dims.size() + " dimensions") + "; Loupe feeds images as a rank-4 batch. Set"
                    + " --model-option layout=nhwc or nchw if the model takes one.");
        }
        boolean last = dims.get(3) == channels;
        boolean second = dims.get(1) == channels;
        if (last != second) {
            return last;
        }
        LOG.info("Input {} has shape {}; its layout is not clear from it, assuming NHWC (set --model-option layout=nchw"
                + " if not).", input.getName(), dims);
        return true;
    }

    private int probeClassCount(LoadedGraph graph) {
        long[] shape = spec.inputShape();
        FloatArray zeros = FloatArray.zeros(1, shape[0], shape[1], shape[2]);
        FloatArray logits = run(graph.session(), zeros, List.of(outputTensor), Map.of()).get(0);
        if (logits.rank() != 2) {
            throw new LoupeException(ErrorKind.INPUT, "Output " + outputTensor + " has shape " + java.util.Arrays.toString(logits.shape())
                    + "; Loupe explains classifiers, whose output is (batch, classes). Choose another output.");
        }
        return (int) logits.dim(1);
    }

    // ---- running the graph

    /**
     * One session run: the input (NCHW, converted to the model's layout) plus extra feeds, the
     * fetched tensors back as host arrays. Rank-4 fetches come back NCHW.
     */
    List<FloatArray> run(Session session, FloatArray inputNchw, List<String> fetches, Map<String, FloatArray> feeds) {
        List<TFloat32> fed = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            TFloat32 x = HostArrays.toTensor(inputNhwc ? HostArrays.toNhwc(inputNchw) : inputNchw);
            fed.add(x);
            TensorName in = TensorName.parse(inputTensor);
            runner.feed(in.node(), in.index(), x);
            for (Map.Entry<String, FloatArray> feed : feeds.entrySet()) {
                TFloat32 t = HostArrays.toTensor(toModelLayout(feed.getKey(), feed.getValue()));
                fed.add(t);
                TensorName name = TensorName.parse(feed.getKey());
                runner.feed(name.node(), name.index(), t);
            }
            for (String fetch : fetches) {
                TensorName name = TensorName.parse(fetch);
                runner.fetch(name.node(), name.index());
            }
            List<FloatArray> out = new ArrayList<>();
            try (org.tensorflow.Result result = runner.run()) {
                for (int k = 0; k < fetches.size(); k++) {
                    FloatArray value = HostArrays.fromTensor((TFloat32) result.get(k));
                    out.add(toNchw(fetches.get(k), value));
                }
            }
            return out;
        } catch (TensorFlowException e) {
            throw new LoupeException(ErrorKind.INPUT, "TensorFlow failed to run " + dir.folder() + ": " + e.getMessage(), e);
        } finally {
            fed.forEach(TFloat32::close);
        }
    }

    private FloatArray toNchw(String tensor, FloatArray value) {
        if (value.rank() != 4) {
            return value;
        }
        boolean nhwc = tensor.equals(inputTensor) || isInputGradient(tensor) ? inputNhwc : innerNhwc;
        return nhwc ? HostArrays.toNchw(value) : value;
    }

    private FloatArray toModelLayout(String tensor, FloatArray nchw) {
        return nchw.rank() == 4 && innerNhwc && !tensor.equals(inputTensor) ? HostArrays.toNhwc(nchw) : nchw;
    }

    private boolean isInputGradient(String tensor) {
        for (GradientOps ops : gradients.values()) {
            if (ops.inputGradient() != null && ops.inputGradient().equals(tensor)) {
                return true;
            }
        }
        return false;
    }

    String outputTensor() {
        return outputTensor;
    }

    /** The graph tensor a layer name stands for; fails with close names. */
    String tensorOf(String layer) {
        LayerTree.Layer found = tree.layer(layer);
        if (found == null) {
            List<String> names = tree.layers().stream().map(LayerTree.Layer::name).toList();
            List<String> close = dev.loupe.core.text.Suggestions.closest(layer, names, 5);
            throw new dev.loupe.core.layer.UnknownLayerException(layer, close, "The model has no layer or op '" + layer
                    + "'." + (close.isEmpty() ? " Run 'loupe layers --model <folder>' to list them."
                    : " Closest names: " + String.join(", ", close) + "."));
        }
        if (found.tensor() == null) {
            throw new LoupeException(ErrorKind.INPUT, "Scope '" + layer + "' hands more than one tensor to the rest of"
                    + " the network, so it has no single output to capture; choose one of its ops or sub-scopes.");
        }
        return found.tensor();
    }

    LoadedGraph graph(ReluRule rule) {
        synchronized (graphs) {
            LoadedGraph graph = graphs.get(rule);
            if (graph == null) {
                if (!hasRelu()) {
                    throw new LoupeException(ErrorKind.INPUT, "The ReLU rule " + rule + " changes the backward pass of"
                            + " ReLUs, and this model has no Relu op on its forward path; use a gradient method.");
                }
                GraphDef rewritten = ReluRewriter.rewrite(graphDef, rule, Set.copyOf(forward));
                graph = LoadedGraph.load(rewritten, meta, dir.variablesPrefix(), device.config());
                graphs.put(rule, graph);
                TfParameters edits = parameters;
                if (edits != null) {
                    edits.loaded(graph); // randomised now if an edit is open
                }
            }
            return graph;
        }
    }

    private boolean hasRelu() {
        return forward.stream().anyMatch(n -> index.node(n).getOp().equals("Relu"));
    }

    /** The gradient ops of the target score w.r.t. the input (when asked) and the given layer tensors. */
    GradientOps gradientOps(ReluRule rule, List<String> layerTensors, boolean input) {
        GradientKey key = new GradientKey(rule, List.copyOf(layerTensors), input);
        GradientOps existing = gradients.get(key);
        if (existing != null) {
            return existing;
        }
        LoadedGraph graph = graph(rule);
        synchronized (graphs) {
            LoupeException failed = gradientFailures.get(key);
            if (failed != null) {
                throw new LoupeException(failed.kind(), failed.getMessage(), failed);
            }
            try {
                // a failed build leaves ops behind, so every attempt gets a fresh name prefix
                return gradients.computeIfAbsent(key, k -> GradientOps.build(graph, outputTensor, inputTensor, k,
                        gradientSerial++, this::describeNoGradient));
            } catch (LoupeException e) {
                gradientFailures.put(key, e);
                throw e;
            }
        }
    }

    record GradientKey(ReluRule rule, List<String> layers, boolean input) {
    }

    /** The message for a missing gradient: names the op instances of that type on the forward path. */
    private String describeNoGradient(String opType) {
        List<String> where = forward.stream().filter(n -> index.node(n).getOp().equals(opType)).limit(3).toList();
        return "TensorFlow has no gradient for op type " + opType + (where.isEmpty() ? "" : " (op " + String.join(", ", where)
                + ")") + ": TensorFlow Java takes gradients with TensorFlow's C++ gradient registry, which lacks it. Methods"
                + " that need gradients through it cannot run on this model; forward-only methods (occlusion, rise,"
                + " score-cam, eigen-cam, ablation-cam) can.";
    }

    // ---- ExplainableModel

    @Override
    public ModelDescription description() {
        return new ModelDescription("tensorflow", dir.folder().toString(), hash, device.description(), spec.inputShape(), classCount);
    }

    @Override
    public Set<Capability> capabilities() {
        EnumSet<Capability> caps = EnumSet.of(Capability.FORWARD, Capability.LAYER_ACTIVATION, Capability.LAYER_GRADIENT,
                Capability.LAYER_SCALING);
        if (trainableVariables().refVariables().isEmpty() && !trainableVariables().byLayer().isEmpty()) {
            caps.add(Capability.PARAMETER_RANDOMIZATION);
        }
        if (inputGradientProblem() == null) {
            caps.add(Capability.INPUT_GRADIENT);
            if (hasRelu()) {
                caps.add(Capability.RELU_RULES);
            }
        }
        return caps;
    }

    @Override
    public String whyNot(Capability capability) {
        return switch (capability) {
            case PARAMETER_RANDOMIZATION -> trainableVariables().byLayer().isEmpty()
                    ? "No float variables feed the forward path (a frozen graph keeps its weights as constants)."
                    : trainableVariables().refVariables().isEmpty() ? null
                    : "The weights are TF1 reference variables (VariableV2), which Loupe cannot assign.";
            case INPUT_GRADIENT -> inputGradientProblem();
            case RELU_RULES -> inputGradientProblem() != null ? inputGradientProblem()
                    : hasRelu() ? null : "The model has no Relu op on its forward path, so there is no ReLU backward to change.";
            default -> null;
        };
    }

    /** Why the input gradient cannot be built, or null; checked once by building it. */
    String inputGradientProblem() {
        if (!gradientChecked) {
            try {
                gradientOps(ReluRule.PLAIN, List.of(), true);
            } catch (LoupeException e) {
                inputGradientProblem = e.getMessage();
            }
            gradientChecked = true;
        }
        return inputGradientProblem;
    }

    @Override
    public List<LayerInfo> layers() {
        List<LayerInfo> cached = layers;
        if (cached == null) {
            cached = probeLayers();
            layers = cached;
        }
        return cached;
    }

    private List<LayerInfo> probeLayers() {
        List<String> tensors = new ArrayList<>();
        for (LayerTree.Layer layer : tree.layers()) {
            if (layer.tensor() != null && isFloat(layer.tensor()) && !tensors.contains(layer.tensor())) {
                tensors.add(layer.tensor());
            }
        }
        long[] shape = spec.inputShape();
        List<FloatArray> values = run(graphs.get(ReluRule.PLAIN).session(), FloatArray.zeros(1, shape[0], shape[1], shape[2]),
                tensors, Map.of());
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (int k = 0; k < tensors.size(); k++) {
            shapes.put(tensors.get(k), values.get(k).shape());
        }
        List<LayerInfo> out = new ArrayList<>();
        for (LayerTree.Layer layer : tree.layers()) {
            if (layer.tensor() == null || shapes.containsKey(layer.tensor())) {
                out.add(new LayerInfo(layer.name(), layer.type(), layer.tensor() == null ? null : shapes.get(layer.tensor()),
                        !layer.scope()));
            }
        }
        return List.copyOf(out);
    }

    private boolean isFloat(String tensor) {
        NodeDef node = index.node(TensorName.parse(tensor).node());
        var output = graphs.get(ReluRule.PLAIN).graph().operation(node.getName()).output(TensorName.parse(tensor).index());
        return output.dataType() == org.tensorflow.proto.DataType.DT_FLOAT;
    }

    private TrainableVariables trainableVariables() {
        TrainableVariables found = variables;
        if (found == null) {
            found = TrainableVariables.find(index, forward, root);
            variables = found;
        }
        return found;
    }

    @Override
    public synchronized ModelParameters parameters() {
        if (parameters == null) {
            parameters = new TfParameters(trainableVariables(), this::loadedGraphs, dir.folder().toString());
        }
        return parameters;
    }

    /** The plain graph first, then the ReLU-rewritten ones loaded so far: each session has its own variables. */
    private List<LoadedGraph> loadedGraphs() {
        synchronized (graphs) {
            List<LoadedGraph> loaded = new ArrayList<>();
            loaded.add(graphs.get(ReluRule.PLAIN));
            graphs.forEach((rule, graph) -> {
                if (rule != ReluRule.PLAIN) {
                    loaded.add(graph);
                }
            });
            return loaded;
        }
    }

    @Override
    public Scope openScope() {
        return new SavedModelScope(this);
    }

    @Override
    public void close() {
        synchronized (graphs) {
            graphs.values().forEach(LoadedGraph::close);
            graphs.clear();
        }
    }

    static Output<?> output(LoadedGraph graph, String tensor) {
        TensorName name = TensorName.parse(tensor);
        return graph.graph().operationOrThrow(name.node()).output(name.index());
    }
}
