package dev.loupe.api;

import dev.loupe.core.registry.BackendRegistry;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.spi.BackendProvider;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.stability.Experimental;
import java.nio.file.Path;
import java.util.List;

/**
 * The entry point for Java code. Open a model, create explainers by name, explain images, and
 * render or save the maps:
 *
 * <pre>{@code
 * try (LoupeModel model = Loupe.model(Path.of("resnet50.pt"))      // the backend follows the file
 *         .preprocess(Preprocessor.imagenet())                    // Resize(256), CenterCrop(224), ImageNet mean/std
 *         .labels(Path.of("imagenet_classes.txt"))
 *         .open()) {
 *     LoupeExplainer gradCam = model.explainer("grad-cam", Params.of("layer", "layer4"));
 *     Explanation e = gradCam.explain(Path.of("cat.jpg"), Target.top());
 *     float[] raw = e.map().data();                              // the raw map, shape e.map().shape()
 *     e.saveOverlay(Path.of("out/cat.grad-cam.png"));
 * }
 * }</pre>
 *
 * <p>Backends and methods are separate jars found through {@link java.util.ServiceLoader}: add
 * {@code dev.loupe:loupe-methods} for the built-in methods and {@code dev.loupe:loupe-backend-djl}
 * (TorchScript files) and/or {@code dev.loupe:loupe-backend-tensorflow} (SavedModel folders).
 *
 * <p>Thread safety: see {@link LoupeModel}. Errors are {@link dev.loupe.core.LoupeException}s
 * whose message names the problem and the fix.
 */
@Experimental
public final class Loupe {

    private Loupe() {
    }

    /** Starts opening the model file (TorchScript) or folder (SavedModel) at {@code path}. */
    public static ModelBuilder model(Path path) {
        return new ModelBuilder(path);
    }

    /** The names of the methods on the class path, sorted. */
    public static List<String> methods() {
        return ExplainerRegistry.load().all().stream().map(ExplainerProvider::name).toList();
    }

    /** The names of the backends on the class path, sorted. */
    public static List<String> backends() {
        return BackendRegistry.load().all().stream().map(BackendProvider::name).toList();
    }
}
