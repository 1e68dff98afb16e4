package dev.loupe.core.explain;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.model.TargetResolver;
import dev.loupe.core.stability.Stable;
import dev.loupe.core.tensor.FloatArray;
import java.util.List;

/** Turns the user's targets into a {@link TargetResolver}, checking indices against the logits. */
@Stable
public final class Targets {

    private Targets() {
    }

    /** One target per image ({@code targets.size()} is 1 or the batch size). */
    public static TargetResolver resolver(List<Target> targets, Labels labels) {
        return new TargetResolver() {
            @Override
            public int[] resolve(FloatArray logits) {
                return Targets.resolve(targets, labels, logits);
            }

            @Override
            public int[] known(int batch) {
                if (targets.size() != 1 && targets.size() != batch || targets.stream().anyMatch(t -> t instanceof Target.TopPrediction)) {
                    return null;
                }
                int[] chosen = new int[batch];
                for (int b = 0; b < batch; b++) {
                    Target target = targets.get(targets.size() == 1 ? 0 : b);
                    chosen[b] = target instanceof Target.ClassIndex index ? index.index()
                            : labels.indexOf(((Target.ClassLabel) target).label());
                }
                return chosen;
            }
        };
    }

    private static int[] resolve(List<Target> targets, Labels labels, FloatArray logits) {
        int batch = (int) logits.dim(0);
        int classes = (int) logits.dim(1);
        if (targets.size() != 1 && targets.size() != batch) {
            throw new IllegalArgumentException(targets.size() + " targets for a batch of " + batch);
        }
        int[] chosen = new int[batch];
        for (int b = 0; b < batch; b++) {
            Target target = targets.get(targets.size() == 1 ? 0 : b);
            chosen[b] = resolve(target, labels, logits, b, classes);
        }
        return chosen;
    }

    private static int resolve(Target target, Labels labels, FloatArray logits, int image, int classes) {
        // Java 17 has no pattern switch: the sealed hierarchy keeps this chain complete.
        if (target instanceof Target.ClassIndex index) {
            return checked(index.index(), classes, index.toString());
        }
        if (target instanceof Target.ClassLabel label) {
            return checked(labels.indexOf(label.label()), classes, label.label());
        }
        return argmax(logits, image, classes);
    }

    private static int checked(int index, int classes, String asWritten) {
        if (index >= classes) {
            throw new LoupeException(ErrorKind.INPUT, "Target class " + asWritten + " is out of range: the model"
                    + " has " + classes + " classes (0.." + (classes - 1) + ").");
        }
        return index;
    }

    static int argmax(FloatArray logits, int image, int classes) {
        float[] data = logits.data();
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (data[image * classes + c] > data[image * classes + best]) {
                best = c;
            }
        }
        return best;
    }
}
