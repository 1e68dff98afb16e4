package dev.loupe.cli.report;

import dev.loupe.core.stability.Internal;

/**
 * One of an image's most probable classes, as {@code loupe predict} computes them (softmax in
 * double over the logits).
 *
 * @param rank        1 for the most probable class
 * @param label       the class's label, or {@code null} when there are no labels
 * @param probability the softmax probability, in [0, 1]
 * @param logit       the raw score
 */
@Internal
public record ReportPrediction(int rank, int classIndex, String label, double probability, double logit) {

    /** {@code circle} or, without labels, {@code class 0}. */
    public String name() {
        return label != null ? label : "class " + classIndex;
    }
}
