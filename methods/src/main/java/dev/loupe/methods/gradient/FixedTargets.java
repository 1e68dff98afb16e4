package dev.loupe.methods.gradient;

import dev.loupe.core.model.TargetResolver;
import dev.loupe.core.tensor.FloatArray;
import java.util.Arrays;

/**
 * Targets decided before the pass: the class each row is differentiated for, whatever the
 * row's own logits say. Interpolated and noisy copies of an image are explained for the class
 * resolved once from the real image, never for their own top prediction.
 */
record FixedTargets(int[] classes) implements TargetResolver {

    FixedTargets {
        classes = classes.clone();
    }

    /** {@code rows} rows, all for class {@code target}. */
    static FixedTargets repeat(int target, int rows) {
        int[] classes = new int[rows];
        Arrays.fill(classes, target);
        return new FixedTargets(classes);
    }

    @Override
    public int[] known(int batch) {
        return batch == classes.length ? classes.clone() : null;
    }

    @Override
    public int[] resolve(FloatArray logits) {
        if (logits.dim(0) != classes.length) {
            throw new IllegalStateException(classes.length + " fixed targets for " + logits.dim(0) + " rows");
        }
        for (int c : classes) {
            if (c < 0 || c >= logits.dim(1)) {
                throw new IllegalStateException("fixed target " + c + " is outside the model's " + logits.dim(1) + " classes");
            }
        }
        return classes.clone();
    }
}
