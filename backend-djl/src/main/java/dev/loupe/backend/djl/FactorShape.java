package dev.loupe.backend.djl;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Checks a scaling factor against the output of the layer it scales, before the forward runs:
 * torch.mul broadcasts both ways, so a factor with a wider dimension would silently enlarge the
 * layer's output (or the batch) instead of failing.
 */
final class FactorShape {

    private FactorShape() {
    }

    /**
     * Why a factor of shape {@code factor} does not broadcast against the output of {@code layer}
     * for an input of {@code batch} images, or {@code null} when it does: aligned from the right,
     * each factor dimension is 1 or the output's, the batch dimension 1 or {@code batch}.
     *
     * @param layerShape the layer's output for one image of the model's declared input size
     * @param sameImageSize whether the input has the declared size; when not, the layer's other
     *     dimensions are unknown here and only the rank and the batch dimension are checked
     */
    static String problem(String layer, long[] factor, long[] layerShape, long batch, boolean sameImageSize) {
        long[] output = layerShape.clone();
        output[0] = batch;
        String why = null;
        int offset = output.length - factor.length;
        if (offset < 0) {
            why = "it has " + factor.length + " dimensions, the output " + output.length;
        }
        for (int i = 0; why == null && i < factor.length; i++) {
            int d = i + offset;
            if (factor[i] != 1 && factor[i] != output[d] && (d == 0 || sameImageSize)) {
                why = d == 0 ? "its batch dimension is " + factor[i] + ", the input's batch size " + batch
                        : "its dimension " + i + " is " + factor[i] + " where the output has " + output[d];
            }
        }
        return why == null ? null : "The factor for layer '" + layer + "' has shape " + text(factor)
                + ", which does not broadcast against the layer's output" + (sameImageSize ? " " + text(output) : "")
                + ": " + why + ". Aligned from the right, each factor dimension must be 1 or the output's, e.g. (B, C, 1, 1)"
                + " to scale whole channels.";
    }

    private static String text(long[] shape) {
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }
}
