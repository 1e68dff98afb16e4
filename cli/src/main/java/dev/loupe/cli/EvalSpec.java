package dev.loupe.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A validated {@code loupe evaluate} run: an explain run (model, images, preprocessing, target,
 * methods, output folder, batch size) plus the metrics, the masks and the seed.
 *
 * @param maskFolder a folder with one mask per image under the image's file name, or null
 * @param maskFiles masks named per image (image file name to mask file); they win over the folder
 */
record EvalSpec(RunSpec run, List<MethodRequest> metrics, Path maskFolder, Map<String, Path> maskFiles, long seed) {

    EvalSpec {
        metrics = List.copyOf(metrics);
        maskFiles = Map.copyOf(maskFiles);
    }
}
