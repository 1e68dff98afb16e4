package dev.loupe.cli.config;

import dev.loupe.core.stability.Internal;
import java.util.List;

/**
 * The optional {@code preprocess:} section: how an image becomes the model's input. Steps run in
 * this order: resize, center crop, scale to [0, 1], normalize per channel with mean and std.
 *
 * @param resize     null to keep the image's size; one number sets the shorter side (aspect
 *                   ratio kept), {@code [height, width]} an exact size
 * @param centerCrop ({@code center-crop}) null for no crop; one number crops a square
 * @param mean       per-channel mean (R, G, B), exactly 3 numbers; default ImageNet's
 * @param std        per-channel standard deviation, exactly 3 numbers, each &gt; 0; default
 *                   ImageNet's
 */
@Internal
public record PreprocessConfig(
        @Nullable Size resize,
        @Nullable Size centerCrop,
        @Default("[0.485, 0.456, 0.406]") @Length(min = 3, max = 3) List<Double> mean,
        @Default("[0.229, 0.224, 0.225]") @Length(min = 3, max = 3) @Range(min = 0, minExclusive = true)
        List<Double> std) {

    public PreprocessConfig {
        mean = List.copyOf(mean);
        std = List.copyOf(std);
    }

    /** Every default: no resize, no crop, ImageNet mean and std. */
    public static PreprocessConfig defaults() {
        return new PreprocessConfig(null, null, List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225));
    }
}
