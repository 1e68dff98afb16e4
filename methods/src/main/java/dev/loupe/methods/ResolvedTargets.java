package dev.loupe.methods;

import dev.loupe.core.explain.ExplainContext;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.Scope;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;

/**
 * Each image's target class, chosen once from the real image's logits, and its logit. Methods
 * that run many derived inputs (interpolation points, noisy, masked or occluded copies) explain
 * these classes, never the derived inputs' own top predictions.
 */
@Internal
public record ResolvedTargets(int[] classes, float[] scores) {

    public ResolvedTargets {
        classes = classes.clone();
        scores = scores.clone();
    }

    @Override
    public int[] classes() {
        return classes.clone();
    }

    @Override
    public float[] scores() {
        return scores.clone();
    }

    public int size() {
        return classes.length;
    }

    /** One forward pass of the context's images, the context's resolver applied to their logits. */
    public static ResolvedTargets of(ExplainContext context) {
        Scope scope = context.scope();
        FloatArray logits = scope.forward(scope.upload(context.images()), HookSpec.none()).logits().toHost();
        return fromLogits(logits, context.targets().resolve(logits));
    }

    /** The given classes with their logits read from (B, classes) {@code logits}. */
    public static ResolvedTargets fromLogits(FloatArray logits, int[] classes) {
        int count = (int) logits.dim(1);
        float[] scores = new float[classes.length];
        for (int b = 0; b < classes.length; b++) {
            scores[b] = logits.data()[b * count + classes[b]];
        }
        return new ResolvedTargets(classes, scores);
    }
}
