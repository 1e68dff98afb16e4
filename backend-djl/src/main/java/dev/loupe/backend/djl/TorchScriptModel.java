package dev.loupe.backend.djl;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import dev.loupe.backend.djl.torchscript.ModuleNode;
import dev.loupe.backend.djl.torchscript.ReluCutModel;
import dev.loupe.backend.djl.torchscript.ReluCutRewriter;
import dev.loupe.backend.djl.torchscript.ScaleRewriter;
import dev.loupe.backend.djl.torchscript.ScaledModel;
import dev.loupe.backend.djl.torchscript.TapException;
import dev.loupe.backend.djl.torchscript.TapRewriter;
import dev.loupe.backend.djl.torchscript.TappedModel;
import dev.loupe.backend.djl.torchscript.TorchScriptArchive;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.layer.LayerInfo;
import dev.loupe.core.layer.LayerSelector;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelDescription;
import dev.loupe.core.model.ModelParameters;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.model.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A TorchScript file as users have it. Plain forwards and input gradients run the file as it is;
 * layer taps run a copy whose TorchScript source was rewritten to return the tapped layers'
 * outputs as gradient-carrying leaves (see {@link TapRewriter}), one copy per set of layers;
 * scaled forwards run a copy per scaled layer (see {@link ScaleRewriter}), guided gradients one
 * copy cut at every ReLU (see {@link ReluCutRewriter}).
 */
final class TorchScriptModel implements ExplainableModel {

    private final Path file;
    private final Device device;
    private final long[] inputShape;
    private final String sha256;
    private final NDManager manager;
    private final ZooModel<NDList, NDList> plain;
    private final TapRewriter rewriter;
    private final List<ModuleNode> modules;
    private final Map<String, String> untappable = new LinkedHashMap<>();
    private final Map<Set<String>, Copy<TappedModel>> tapped = new ConcurrentHashMap<>();
    private final Map<String, Copy<ScaledModel>> scaled = new ConcurrentHashMap<>();
    private final Network network = new TorchScriptNetwork();
    private final int classCount;
    private volatile List<LayerInfo> layers;
    private volatile Copy<ReluCutModel> reluCut;
    private String reluCutRefusal;
    private volatile TorchScriptParameters parameters;

    /** A rewritten copy of the file, loaded; {@code plan} says how to call it. */
    private record Copy<P>(ZooModel<NDList, NDList> model, P plan, Path file) {

        PtSymbolBlock block() {
            return (PtSymbolBlock) model.getBlock();
        }

        void close() {
            model.close();
            deleteQuietly(file);
        }
    }

    private TorchScriptModel(ModelSpec spec, Device device) {
        this.file = spec.path();
        this.device = device;
        this.inputShape = spec.inputShape();
        this.sha256 = sha256(file);
        this.rewriter = new TapRewriter(readArchive(file));
        this.modules = rewriter.moduleTree().modules();
        for (ModuleNode module : modules) {
            try {
                rewriter.leafPaths(List.of(module.path()));
            } catch (TapException e) {
                untappable.put(module.path(), e.getMessage());
            }
        }
        this.plain = load(file, device, file.toString());
        this.manager = plain.getNDManager().newSubManager();
        try {
            this.classCount = probeClassCount();
        } catch (RuntimeException e) {
            manager.close();
            plain.close();
            throw e;
        }
    }

    static TorchScriptModel open(ModelSpec spec) {
        String notTorchScript = TorchScriptSniffer.diagnose(spec.path());
        if (notTorchScript != null) {
            throw new LoupeException(ErrorKind.INPUT, "Cannot open model " + spec.path() + ": " + notTorchScript + ".");
        }
        return new TorchScriptModel(spec, DjlEngine.device(spec.device()));
    }

    private static TorchScriptArchive readArchive(Path file) {
        try {
            return TorchScriptArchive.open(file);
        } catch (RuntimeException e) {
            throw new LoupeException(ErrorKind.INPUT, "Cannot read the TorchScript archive " + file + ": " + e.getMessage(), e);
        }
    }

    private static ZooModel<NDList, NDList> load(Path path, Device device, String shownAs) {
        DjlEngine.pytorch();
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(path)
                .optEngine("PyTorch")
                .optDevice(device)
                // Without trainParam libtorch makes inference tensors, which autograd refuses to
                // save for backward; the module itself stays in eval mode.
                .optOption("trainParam", "true")
                .build();
        try {
            ZooModel<NDList, NDList> model = criteria.loadModel();
            ((PtSymbolBlock) model.getBlock()).freezeParameters(true);
            return model;
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new LoupeException(ErrorKind.INPUT, "libtorch could not load " + shownAs + ": " + e.getMessage()
                    + ". Is it a TorchScript file saved by a PyTorch version not newer than 2.7?", e);
        }
    }

    private int probeClassCount() {
        try (NDManager probe = manager.newSubManager(); GradMode off = GradMode.enabled(false)) {
            NDArray logits = network.forward(probe, zeros(probe), List.of(), false).logits();
            if (logits.getShape().dimension() != 2) {
                throw new LoupeException(ErrorKind.INPUT, "Model " + file + " returns shape " + logits.getShape()
                        + " for one image; a classifier must return logits of shape (batch, classes).");
            }
            return (int) logits.getShape().get(1);
        } catch (LoupeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new LoupeException(ErrorKind.INPUT, "Model " + file + " failed on an input of shape (1, "
                    + inputShape[0] + ", " + inputShape[1] + ", " + inputShape[2] + "): " + e.getMessage()
                    + ". Check the input size (preprocess.resize / --input-size).", e);
        }
    }

    private NDArray zeros(NDManager m) {
        return m.zeros(new Shape(1, inputShape[0], inputShape[1], inputShape[2]));
    }

    @Override
    public ModelDescription description() {
        return new ModelDescription("djl", file.toString(), sha256, DjlEngine.loupeDevice(device).toString(), inputShape,
                classCount);
    }

    @Override
    public Set<Capability> capabilities() {
        // RELU_RULES is declared although a model without cuttable ReLUs refuses at the first
        // gradient pass with a rule: knowing it means rewriting and loading a copy of the file.
        // Likewise LAYER_SCALING: some layers (a module run twice) are refused when asked for.
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public List<LayerInfo> layers() {
        List<LayerInfo> result = layers;
        if (result == null) {
            result = measureLayers();
            layers = result;
        }
        return result;
    }

    /** Taps every module that returns a tensor in one forward to learn the output shapes. */
    private List<LayerInfo> measureLayers() {
        List<String> capturable = new ArrayList<>();
        for (ModuleNode module : modules) {
            if (!untappable.containsKey(module.path())) {
                capturable.add(module.path());
            }
        }
        Map<String, long[]> shapes = new LinkedHashMap<>();
        try (NDManager probe = manager.newSubManager(); GradMode off = GradMode.enabled(false)) {
            Network.Outputs out = network.forward(probe, zeros(probe), capturable, false);
            out.taps().forEach((path, value) -> shapes.put(path, value.getShape().getShape()));
        }
        List<LayerInfo> result = new ArrayList<>();
        for (ModuleNode module : modules) {
            result.add(new LayerInfo(module.path(), module.typeName(), shapes.get(module.path())));
        }
        return List.copyOf(result);
    }

    @Override
    public Scope openScope() {
        return new DjlScope(manager, network, this);
    }

    @Override
    public synchronized ModelParameters parameters() {
        if (parameters == null) {
            parameters = new TorchScriptParameters((PtSymbolBlock) plain.getBlock(), this::loadedBlocks);
        }
        return parameters;
    }

    /** The file and every rewritten copy loaded so far: each holds its own parameter tensors. */
    private List<PtSymbolBlock> loadedBlocks() {
        List<PtSymbolBlock> blocks = new ArrayList<>();
        blocks.add((PtSymbolBlock) plain.getBlock());
        tapped.values().forEach(c -> blocks.add(c.block()));
        scaled.values().forEach(c -> blocks.add(c.block()));
        Copy<ReluCutModel> cut = reluCut;
        if (cut != null) {
            blocks.add(cut.block());
        }
        return blocks;
    }

    @Override
    public void close() {
        tapped.values().forEach(Copy::close);
        tapped.clear();
        scaled.values().forEach(Copy::close);
        scaled.clear();
        synchronized (this) {
            if (reluCut != null) {
                reluCut.close();
                reluCut = null;
            }
        }
        manager.close();
        plain.close();
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a temp file left behind is harmless; the OS cleans the temp folder
        }
    }

    private Copy<TappedModel> tappedFor(List<String> layerPaths) {
        Set<String> key = new TreeSet<>(layerPaths);
        return tapped.computeIfAbsent(key, k -> {
            for (String path : k) {
                new LayerSelector(moduleInfos()).select(path);
                if (untappable.containsKey(path)) {
                    throw new LoupeException(ErrorKind.INPUT, "Layer '" + path + "' cannot be captured in " + file
                            + ": " + untappable.get(path));
                }
            }
            return loadCopy("loupe-tapped-", "with layer taps " + k, copy -> rewriter.rewrite(k, copy));
        });
    }

    /** The copy of the file that scales {@code layer}'s output, written and loaded on first use. */
    private Copy<ScaledModel> scaledFor(String layer) {
        return scaled.computeIfAbsent(layer, path -> {
            if (modules.stream().noneMatch(m -> m.path().equals(path))) {
                new LayerSelector(moduleInfos()).select(path); // UnknownLayerException naming the closest layers
                throw new LoupeException(ErrorKind.INPUT, "'" + path + "' is not a layer path; name the layer to scale");
            }
            String refusal = untappable.get(path);
            if (refusal == null) {
                try {
                    return loadCopy("loupe-scaled-", "scaling layer " + path,
                            copy -> new ScaleRewriter(rewriter.moduleTree()).rewrite(path, copy));
                } catch (TapException e) {
                    refusal = e.getMessage();
                }
            }
            throw new LoupeException(ErrorKind.INPUT, "Layer '" + path + "' cannot be scaled in " + file + ": " + refusal);
        });
    }

    /** The copy of the file cut at every ReLU, written and loaded on first use. */
    private synchronized Copy<ReluCutModel> reluCut() {
        if (reluCut != null) {
            return reluCut;
        }
        if (reluCutRefusal != null) {
            throw new LoupeException(ErrorKind.INPUT, reluCutRefusal);
        }
        try {
            reluCut = loadCopy("loupe-relu-cut-", "cut at every ReLU",
                    copy -> new ReluCutRewriter(readArchive(file)).rewrite(copy));
            return reluCut;
        } catch (TapException e) {
            reluCutRefusal = "ReLU backward rules (guided backprop, deconvnet) are not available for " + file + ": "
                    + e.getMessage();
            throw new LoupeException(ErrorKind.INPUT, reluCutRefusal, e);
        }
    }

    /** Writes a rewritten copy of the file to a temporary file and loads it; the file goes if that fails. */
    private <P> Copy<P> loadCopy(String prefix, String what, Function<Path, P> rewrite) {
        Path copy = null;
        try {
            copy = Files.createTempFile(prefix, ".pt");
            P plan = rewrite.apply(copy);
            Copy<P> loaded = new Copy<>(load(copy, device, file + " (" + what + ")"), plan, copy);
            TorchScriptParameters edits = parameters;
            if (edits != null) {
                try {
                    edits.loaded(loaded.block()); // randomised now if an edit is open
                } catch (RuntimeException e) {
                    loaded.model().close();
                    throw e;
                }
            }
            return loaded;
        } catch (IOException e) {
            deleteQuietly(copy);
            throw new LoupeException(ErrorKind.INTERNAL, "Could not write the copy of " + file + " " + what + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(copy);
            throw e;
        }
    }

    /** Layer names and types without shapes, for validating names before shapes are known. */
    private List<LayerInfo> moduleInfos() {
        List<LayerInfo> infos = new ArrayList<>();
        for (ModuleNode module : modules) {
            infos.add(new LayerInfo(module.path(), module.typeName(), untappable.containsKey(module.path()) ? null : new long[0]));
        }
        return infos;
    }

    private final class TorchScriptNetwork implements Network {

        @Override
        public Outputs forward(NDManager scope, NDArray input, List<String> layerPaths, boolean withGradients) {
            if (layerPaths.isEmpty()) {
                NDList out = IValueUtils.forward((PtSymbolBlock) plain.getBlock(), new NDList(input), withGradients);
                return new Outputs(out.get(0), Map.of());
            }
            Copy<TappedModel> t = tappedFor(layerPaths);
            NDArray method = scope.create(0f);
            method.setName(t.plan().djlMethodMarker());
            // Taps need autograd's bookkeeping even without a backward: the leaves are made
            // with requires_grad_, which inference mode forbids. GradMode decides the rest.
            NDList out = IValueUtils.forward(t.block(), new NDList(input, method), true);
            Map<String, NDArray> taps = new LinkedHashMap<>();
            List<String> order = t.plan().leafPaths();
            for (int i = 0; i < order.size(); i++) {
                // a module called more than once keeps its last call, as a forward hook that
                // stores its output would
                taps.put(order.get(i), out.get(i + 1));
            }
            return new Outputs(out.get(0), taps);
        }

        @Override
        public CutOutputs forwardReluCut(NDManager scope, NDArray input) {
            Copy<ReluCutModel> cut = reluCut();
            NDArray method = scope.create(0f);
            method.setName(cut.plan().djlMethodMarker());
            NDList out = IValueUtils.forward(cut.block(), new NDList(input, method), true);
            List<NDArray> inputs = new ArrayList<>();
            List<NDArray> leaves = new ArrayList<>();
            for (int k = 0; k < cut.plan().cutCount(); k++) {
                inputs.add(out.get(ReluCutModel.inputIndex(k)));
                leaves.add(out.get(ReluCutModel.leafIndex(k)));
            }
            return new CutOutputs(out.get(0), inputs, leaves);
        }

        @Override
        public NDArray forwardScaled(NDManager scope, NDArray input, String layer, NDArray factor) {
            Copy<ScaledModel> s = scaledFor(layer);
            NDArray method = scope.create(0f);
            method.setName(s.plan().djlMethodMarker());
            // the marker first: DJL attaches the outputs to the first array's manager, the scope's
            return IValueUtils.forward(s.block(), new NDList(method, factor, input), false).get(0);
        }

        @Override
        public void close() {
            TorchScriptModel.this.close();
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            MessageDigest digest = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new LoupeException(ErrorKind.INPUT, "Cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }
}
