package dev.loupe.core.evaluate;

import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.ExplainContext;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.explain.ImageSource;
import dev.loupe.core.explain.Progress;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.Scope;
import dev.loupe.core.model.TargetResolver;
import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import java.util.List;

/**
 * What a metric works with for one batch: the model and a scope opened by the caller, the
 * preprocessed images (B, C, H, W), the class each map explains, the maps themselves, the
 * explainer that made them (sanity checks explain again under changed conditions), optional
 * ground-truth masks, and a seed.
 *
 * @param masks one (H, W) mask per image with values in [0, 1] (1 = object), or null entries
 *     (or a null list) where none is known
 * @param batchSize how many perturbed images to send through the model at once
 */
@Experimental
public record EvaluationContext(ExplainableModel model, Scope scope, FloatArray images, int[] targets,
        List<Attribution> attributions, Explainer explainer, ImageSource imageSource, List<FloatArray> masks,
        long seed, int batchSize, Progress progress) {

    public EvaluationContext {
        int batch = (int) images.dim(0);
        if (targets.length != batch || attributions.size() != batch) {
            throw new IllegalArgumentException(batch + " images, " + targets.length + " targets and "
                    + attributions.size() + " attributions: they must match");
        }
        if (masks != null && masks.size() != batch) {
            throw new IllegalArgumentException(batch + " images but " + masks.size() + " masks");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        targets = targets.clone();
        attributions = List.copyOf(attributions);
    }

    /** The mask of image {@code b}, or null. */
    public FloatArray mask(int b) {
        return masks == null ? null : masks.get(b);
    }

    /**
     * Runs the explainer again on the same images, in the model's current state (possibly with
     * randomised parameters), for the classes {@code targets} chooses.
     */
    public List<Attribution> reexplain(TargetResolver targets) {
        return explainer.explain(new ExplainContext(model, scope, images, targets, imageSource, Progress.NONE));
    }
}
