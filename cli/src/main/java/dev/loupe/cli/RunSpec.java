package dev.loupe.cli;

import dev.loupe.core.explain.Target;
import dev.loupe.core.model.Device;
import dev.loupe.render.image.Preprocessor;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated {@code loupe explain} run, whether it came from flags or from a YAML file.
 *
 * @param source the config file, or {@code null} for a run from flags
 * @param overlayAlpha the heatmap's weight in the overlay (the image gets 1 - alpha)
 */
record RunSpec(
        Path source,
        Path model,
        String backend,
        Device device,
        Path labels,
        Preprocessor preprocessor,
        List<Path> images,
        Target target,
        List<MethodRequest> methods,
        Path outputDir,
        double overlayAlpha,
        String colormap,
        int batchSize) {

    RunSpec {
        images = List.copyOf(images);
        methods = List.copyOf(methods);
    }
}
