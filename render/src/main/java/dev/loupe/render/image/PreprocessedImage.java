package dev.loupe.render.image;

import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import java.util.Objects;

/**
 * The result of {@link Preprocessor#apply}.
 *
 * @param input the model input, (3, H, W), normalised with the preprocessor's mean and std
 * @param display the same pixels before normalisation, in [0, 1]: what heatmaps are drawn over,
 *     pixel for pixel aligned with {@code input}
 */
@Experimental
public record PreprocessedImage(FloatArray input, RgbImage display) {

    public PreprocessedImage {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(display, "display");
    }
}
