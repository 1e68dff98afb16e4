package dev.loupe.metrics.faithfulness;

import java.util.Arrays;

/**
 * What a removed pixel becomes (deletion), or what the image starts from (insertion). Values are
 * in the model's input space, after normalisation: {@code zeros} is therefore the normalisation
 * mean colour for a mean/std-normalised model.
 */
enum Baseline {
    /** All zeros in the model's input space. */
    ZEROS,
    /** The image blurred by a Gaussian of {@code blur-sigma} pixels (Petsiuk et al.'s insertion start). */
    BLUR,
    /** Each channel's mean over the image. */
    MEAN;

    static Baseline parse(String text) {
        return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }

    float[] of(float[] chw, int channels, int height, int width, double sigma) {
        return switch (this) {
            case ZEROS -> new float[chw.length];
            case BLUR -> GaussianBlur.apply(chw, channels, height, width, sigma);
            case MEAN -> channelMeans(chw, channels, height * width);
        };
    }

    private static float[] channelMeans(float[] chw, int channels, int plane) {
        float[] out = new float[chw.length];
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int i = 0; i < plane; i++) {
                sum += chw[c * plane + i];
            }
            Arrays.fill(out, c * plane, (c + 1) * plane, (float) (sum / plane));
        }
        return out;
    }
}
