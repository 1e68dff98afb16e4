package dev.loupe.api;

import dev.loupe.core.explain.Explainer;
import dev.loupe.core.explain.ImageSource;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.layer.LayerInfo;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ModelDescription;
import dev.loupe.core.model.Scope;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.image.ImageLoader;
import dev.loupe.render.image.PreprocessedImage;
import dev.loupe.render.image.Preprocessor;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A loaded model with its preprocessing and labels, from {@link Loupe#model}. Creates
 * {@link LoupeExplainer}s and predicts; close it when done (it holds native memory).
 *
 * <p><b>Thread safety.</b> One open model may be shared by any number of threads: several threads
 * may call {@link #predict} and their explainers' {@code explain} at the same time, and get the
 * same maps as one thread would (checked bit for bit by {@code ConcurrentExplainTest} on both
 * built-in backends). Each call opens its own native scope, freed when the call returns. The
 * {@code djl} backend turns autograd on per thread (libtorch's grad mode is thread-local; DJL's
 * {@code GradientCollector}, which allows one collector per JVM, is not used); the
 * {@code tensorflow} backend runs one {@code Session}, whose {@code run} is thread-safe, and
 * builds gradient graphs under a lock. Creating explainers concurrently is safe too. Not safe:
 * {@link #close()} while another thread still explains; and a third-party backend is only as
 * safe as it says.
 */
@Experimental
public final class LoupeModel implements AutoCloseable {

    private final ExplainableModel model;
    private final Preprocessor preprocessor;
    private final Labels labels;
    private final int batchSize;
    private final ImageLoader loader;
    private final ExplainerRegistry methods;
    private volatile boolean closed;

    LoupeModel(ExplainableModel model, Preprocessor preprocessor, Labels labels, int batchSize, ImageLoader loader) {
        this.model = model;
        this.preprocessor = preprocessor;
        this.labels = labels;
        this.batchSize = batchSize;
        this.loader = loader;
        this.methods = ExplainerRegistry.load();
    }

    /** Backend, file, SHA-256, device, input shape and class count. */
    public ModelDescription description() {
        return model.description();
    }

    /** Every addressable layer with its output shape, for choosing a {@code layer} parameter. */
    public List<LayerInfo> layers() {
        return open().layers();
    }

    public Labels labels() {
        return labels;
    }

    public Preprocessor preprocessor() {
        return preprocessor;
    }

    /** The backend's model, for the lower-level SPI ({@link dev.loupe.core.explain.Explanations}). */
    public ExplainableModel backendModel() {
        return open();
    }

    /** The parameters {@code method} takes, with types, ranges and defaults. */
    public List<ParameterDef> parameters(String method) {
        return provider(method).parameters().definitions();
    }

    /** The method with every parameter at its default. */
    public LoupeExplainer explainer(String method) {
        return explainer(method, Params.none());
    }

    public LoupeExplainer explainer(String method, Params params) {
        return explainer(method, params.asMap());
    }

    /**
     * The method configured with {@code params} (values as YAML gives them: String, Integer/Long,
     * Double, Boolean). Parameters are validated and the model checked (capabilities, layer names)
     * now, before any image is read.
     */
    public LoupeExplainer explainer(String method, Map<String, ?> params) {
        ExplainerProvider provider = provider(method);
        // create() validates the parameters and the model's capabilities; checkModel the layers and sizes
        Explainer explainer = methods.create(method, params, open());
        Parameters validated = provider.parameters().validate(method, params);
        provider.checkModel(open(), validated);
        return new LoupeExplainer(this, method, validated, explainer);
    }

    private ExplainerProvider provider(String method) {
        if (methods.all().isEmpty()) {
            throw Artifacts.noMethods();
        }
        return methods.get(method);
    }

    /** The image file read and preprocessed: the model input and the picture maps are drawn over. */
    public PreprocessedImage prepare(Path image) {
        return preprocessor.apply(ImageInputs.read(loader, image));
    }

    /** An image in memory, preprocessed (8-bit RGB values / 255, alpha dropped). */
    public PreprocessedImage prepare(BufferedImage image) {
        return preprocessor.apply(ImageInputs.convert(image));
    }

    /** The {@code k} classes with the highest logits, highest first. */
    public List<Prediction> predict(Path image, int k) {
        return predict(prepare(image), k);
    }

    public List<Prediction> predict(BufferedImage image, int k) {
        return predict(prepare(image), k);
    }

    public List<Prediction> predict(PreprocessedImage image, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        FloatArray input = image.input();
        float[] logits;
        try (Scope scope = open().openScope()) {
            FloatArray batch = input.reshape(1, input.dim(0), input.dim(1), input.dim(2));
            logits = scope.forward(scope.upload(batch), HookSpec.none()).logits().toHost().data();
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        List<Prediction> all = new ArrayList<>();
        for (int c = 0; c < logits.length; c++) {
            all.add(new Prediction(c, labels.name(c).orElse(null), logits[c], Math.exp(logits[c] - max) / sum));
        }
        all.sort(Comparator.comparingDouble(Prediction::logit).reversed());
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    int batchSize() {
        return batchSize;
    }

    /** Reads images that method parameters name (an Integrated Gradients baseline), preprocessed like the inputs. */
    ImageSource imageSource() {
        return file -> prepare(Path.of(file)).input();
    }

    /** The backend model, or an error if this handle was closed. */
    ExplainableModel open() {
        if (closed) {
            throw new IllegalStateException("This model (" + model.description().source() + ") was closed; open it again.");
        }
        return model;
    }

    /** Frees the model's native memory. Not while another thread is still explaining. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            model.close();
        }
    }

}
