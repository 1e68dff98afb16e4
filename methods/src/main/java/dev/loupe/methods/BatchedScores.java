package dev.loupe.methods;

import dev.loupe.core.explain.Progress;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ForwardPass;
import dev.loupe.core.model.Scope;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;

/**
 * The target logit of many inputs derived from one image (masked, occluded or ablated copies),
 * {@code batchSize} per forward pass. Each pass runs in its own scope and leaves only its logits
 * on the host, so memory stays that of one batch however many inputs there are.
 */
@Internal
public final class BatchedScores {

    /** Runs the forward pass of inputs {@code [start, end)} in {@code scope}; its logits have end - start rows. */
    @FunctionalInterface
    public interface Pass {
        ForwardPass run(Scope scope, int start, int end);
    }

    private BatchedScores() {
    }

    /** {@code count} scores of class {@code target}, in input order; {@code progress} hears of each pass. */
    public static float[] of(ExplainableModel model, int count, int batchSize, int target, Progress progress, Pass pass) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        float[] scores = new float[count];
        for (int start = 0; start < count; start += batchSize) {
            int end = Math.min(count, start + batchSize);
            try (Scope scope = model.openScope()) {
                FloatArray logits = pass.run(scope, start, end).logits().toHost();
                if (logits.dim(0) != end - start) {
                    throw new IllegalStateException("inputs [" + start + ", " + end + ") gave " + logits.dim(0) + " rows of logits");
                }
                int classes = (int) logits.dim(1);
                for (int i = start; i < end; i++) {
                    scores[i] = logits.data()[(i - start) * classes + target];
                }
            }
            progress.update(end, count);
        }
        return scores;
    }
}
