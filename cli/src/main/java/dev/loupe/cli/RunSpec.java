package dev.loupe.cli;

import dev.loupe.core.explain.Target;
import dev.loupe.core.model.Device;
import dev.loupe.render.image.Preprocessor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A validated {@code loupe explain} run, whether it came from flags or from a YAML file.
 *
 * @param source the config file, or {@code null} for a run from flags
 * @param modelOptions backend settings for {@code ModelSpec.options}
 * @param overlayAlpha the heatmap's weight in the overlay (the image gets 1 - alpha)
 * @param rendering the map pipeline and the kinds written for single-layer maps
 * @param report whether to write the HTML report ({@code dev.loupe.cli.report})
 */
record RunSpec(
        Path source,
        Path model,
        String backend,
        Device device,
        Map<String, String> modelOptions,
        Path labels,
        Preprocessor preprocessor,
        List<Path> images,
        Target target,
        List<MethodRequest> methods,
        Path outputDir,
        double overlayAlpha,
        String colormap,
        Rendering rendering,
        int batchSize,
        boolean report) {

    RunSpec {
        modelOptions = Map.copyOf(modelOptions);
        images = List.copyOf(images);
        methods = List.copyOf(methods);
    }

    /** A run without the HTML report. */
    RunSpec(Path source, Path model, String backend, Device device, Map<String, String> modelOptions, Path labels,
            Preprocessor preprocessor, List<Path> images, Target target, List<MethodRequest> methods, Path outputDir,
            double overlayAlpha, String colormap, Rendering rendering, int batchSize) {
        this(source, model, backend, device, modelOptions, labels, preprocessor, images, target, methods, outputDir,
                overlayAlpha, colormap, rendering, batchSize, false);
    }

    /** This run with the HTML report on or off. */
    RunSpec withReport(boolean on) {
        return new RunSpec(source, model, backend, device, modelOptions, labels, preprocessor, images, target, methods,
                outputDir, overlayAlpha, colormap, rendering, batchSize, on);
    }
}
