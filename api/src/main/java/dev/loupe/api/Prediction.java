package dev.loupe.api;

import dev.loupe.core.stability.Experimental;
import java.util.Optional;

/**
 * One class of a model's output for one image.
 *
 * @param index the class index
 * @param label its name from the labels given to {@link ModelBuilder#labels}, or {@code null}
 * @param logit the model's raw output for the class
 * @param probability the softmax of the logits at this class
 */
@Experimental
public record Prediction(int index, String label, float logit, double probability) {

    public Optional<String> labelIfKnown() {
        return Optional.ofNullable(label);
    }

    @Override
    public String toString() {
        return (label != null ? label + " (" + index + ")" : "class " + index)
                + String.format(java.util.Locale.ROOT, " %.4f", probability);
    }
}
