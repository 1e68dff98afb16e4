package dev.loupe.api;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.model.Device;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.registry.BackendRegistry;
import dev.loupe.core.registry.ModelOptions;
import dev.loupe.core.spi.BackendProvider;
import dev.loupe.core.stability.Experimental;
import dev.loupe.render.image.ImageLoader;
import dev.loupe.render.image.ImageSize;
import dev.loupe.render.image.Preprocessor;
import dev.loupe.render.image.Resize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open a model; {@link #open()} opens it. Defaults: the backend that recognises the file
 * ({@code "auto"}), the CPU, no resize, no crop, ImageNet mean and std, no labels, 8 images per
 * pass. Not thread-safe (a builder is meant for one thread); the model it opens is.
 */
@Experimental
public final class ModelBuilder {

    private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    private final Path path;
    private String backend = BackendRegistry.AUTO;
    private Device device = Device.CPU;
    private long[] inputShape;
    private final Map<String, String> options = new LinkedHashMap<>();
    private Preprocessor preprocessor = new Preprocessor(Resize.none(), Optional.empty(), IMAGENET_MEAN, IMAGENET_STD);
    private Labels labels = Labels.none();
    private int batchSize = 8;

    ModelBuilder(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** {@code "auto"} (the default: the backend that recognises the file), {@code "djl"} or {@code "tensorflow"}. */
    public ModelBuilder backend(String name) {
        this.backend = Objects.requireNonNull(name, "name");
        return this;
    }

    public ModelBuilder device(Device device) {
        this.device = Objects.requireNonNull(device, "device");
        return this;
    }

    /** {@code cpu}, {@code auto}, {@code gpu}, {@code gpu:N}; see {@link Device#parse}. */
    public ModelBuilder device(String device) {
        return device(Device.parse(device));
    }

    /**
     * The model's input shape (C, H, W). Needed only when the preprocessing does not fix the image
     * size (no center crop and no exact resize); otherwise it follows from the preprocessing.
     */
    public ModelBuilder inputSize(long channels, long height, long width) {
        this.inputShape = new long[] {channels, height, width};
        return this;
    }

    /** A backend option ({@code output=logits} for a Keras SavedModel, say); unknown keys are refused on open. */
    public ModelBuilder option(String key, String value) {
        options.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Resize, center crop, mean and std, e.g. {@link Preprocessor#imagenet()}. */
    public ModelBuilder preprocess(Preprocessor preprocessor) {
        this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor");
        return this;
    }

    /** Shorthand for {@link #preprocess}: no resize, no crop, this mean and std (R, G, B). */
    public ModelBuilder normalize(float[] mean, float[] std) {
        return preprocess(new Preprocessor(Resize.none(), Optional.empty(), mean, std));
    }

    /** Class names in class-index order. */
    public ModelBuilder labels(List<String> names) {
        this.labels = new Labels(names);
        return this;
    }

    /** A text file with one class name per line, in class-index order (trailing blank lines ignored). */
    public ModelBuilder labels(Path file) {
        this.labels = new Labels(readLabels(file));
        return this;
    }

    /** Images per forward/backward pass when a list of images is explained (default 8). */
    public ModelBuilder batchSize(int images) {
        if (images < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + images);
        }
        this.batchSize = images;
        return this;
    }

    /**
     * Chooses the backend, checks the options against it, loads the model and probes it with one
     * zero image. Close the result (try-with-resources): it holds native memory.
     */
    public LoupeModel open() {
        long[] shape = inputShape != null ? inputShape.clone() : shapeFromPreprocessing();
        BackendRegistry registry = BackendRegistry.load();
        List<String> present = registry.all().stream().map(BackendProvider::name).toList();
        if (present.isEmpty()) {
            throw Artifacts.noBackend();
        }
        BackendProvider provider;
        try {
            provider = registry.choose(backend, path);
        } catch (LoupeException e) {
            String hint = Artifacts.missingBackendsHint(present);
            if (hint.isEmpty() || !Files.exists(path)) {
                throw e;
            }
            throw new LoupeException(e.kind(), e.getMessage() + hint, e);
        }
        ModelOptions.check(provider, options);
        ExplainableModel model = provider.open(new ModelSpec(path, device, shape, options));
        return new LoupeModel(model, preprocessor, labels, batchSize, new ImageLoader());
    }

    private long[] shapeFromPreprocessing() {
        Optional<ImageSize> fixed = preprocessor.centerCrop();
        if (fixed.isEmpty() && preprocessor.resize() instanceof Resize.Exact exact) {
            fixed = Optional.of(exact.size());
        }
        ImageSize size = fixed.orElseThrow(() -> new LoupeException(ErrorKind.USAGE, "The input size of " + path
                + " is not known: the preprocessing keeps each image's size (no center crop, no exact resize)."
                + " Call inputSize(3, height, width) on the builder, or preprocess with a center crop."));
        return new long[] {3, size.height(), size.width()};
    }

    private static List<String> readLabels(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LoupeException(ErrorKind.INPUT, "Cannot read labels file " + file + ": " + e
                    + ". Give a text file with one class name per line.", e);
        }
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        if (end == 0) {
            throw new LoupeException(ErrorKind.INPUT, file + ": no labels; give one class name per line, in class-index order.");
        }
        for (int i = 0; i < end; i++) {
            // a blank line would shift every later label onto the next class
            if (lines.get(i).isBlank()) {
                throw new LoupeException(ErrorKind.INPUT, file + ":" + (i + 1) + ": empty label; every line up to the"
                        + " last is a class name, in class-index order.");
            }
        }
        return lines.subList(0, end).stream().map(String::strip).toList();
    }
}
