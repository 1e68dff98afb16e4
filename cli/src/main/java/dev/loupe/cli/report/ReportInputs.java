package dev.loupe.cli.report;

import dev.loupe.core.stability.Internal;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What only the explain run knows and {@code run.json} does not hold: every listed image (in
 * the run's order) with its top classes, and a way to get each image as the model saw it
 * (after resizing and cropping), drawn as the report's first column.
 */
@Internal
public record ReportInputs(List<ImagePredictions> images, InputPictures pictures) {

    /** The preprocessed image, for a {@code file} of {@link ImagePredictions}. */
    @FunctionalInterface
    public interface InputPictures {
        BufferedImage load(String file) throws Exception;
    }

    public ReportInputs {
        images = List.copyOf(images);
    }
}
