package dev.loupe.core.model;

import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.NoiseSource;

/**
 * The values that {@link ModelParameters#randomize} puts into one parameter tensor: a Gaussian
 * with the tensor's own mean and (population) standard deviation, drawn on the host from
 * {@link NoiseSource#seeded}, so every backend draws the same numbers for the same seed and name.
 */
@Internal
public final class GaussianLike {

    private GaussianLike() {
    }

    /** A seed for one tensor: the edit's seed mixed with the tensor's name, so layers draw independently. */
    public static long seedFor(long seed, String tensorName) {
        // String.hashCode is specified by the JLS: the same on every JVM
        return seed ^ (tensorName.hashCode() * 0x9E3779B97F4A7C15L);
    }

    /** New values shaped like {@code values}, from N(mean(values), std(values)). */
    public static float[] draw(float[] values, long seed) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        double mean = values.length == 0 ? 0 : sum / values.length;
        double squares = 0;
        for (float v : values) {
            squares += (v - mean) * (v - mean);
        }
        double std = values.length == 0 ? 0 : Math.sqrt(squares / values.length);
        float[] noise = NoiseSource.seeded(seed).nextStandardNormal(values.length).data();
        float[] result = new float[values.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = (float) (mean + std * noise[i]);
        }
        return result;
    }
}
