package dev.loupe.core.explain;

import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.Scope;
import dev.loupe.core.stability.Stable;
import dev.loupe.core.tensor.FloatArray;
import java.util.List;

/** Runs an explainer on a batch inside a scope that is always closed. */
@Stable
public final class Explanations {

    private Explanations() {
    }

    public static List<Attribution> explain(
            Explainer explainer, ExplainableModel model, FloatArray images, List<Target> targets, Labels labels) {
        return explain(explainer, model, images, targets, labels, ImageSource.none());
    }

    /** As above; {@code imageSource} reads image files that method parameters name. */
    public static List<Attribution> explain(Explainer explainer, ExplainableModel model, FloatArray images,
            List<Target> targets, Labels labels, ImageSource imageSource) {
        return explain(explainer, model, images, targets, labels, imageSource, Progress.NONE);
    }

    /** As above; methods that run many passes report to {@code progress}. */
    public static List<Attribution> explain(Explainer explainer, ExplainableModel model, FloatArray images,
            List<Target> targets, Labels labels, ImageSource imageSource, Progress progress) {
        try (Scope scope = model.openScope()) {
            List<Attribution> result = explainer.explain(
                    new ExplainContext(model, scope, images, Targets.resolver(targets, labels), imageSource, progress));
            if (result.size() != images.dim(0)) {
                throw new IllegalStateException("explainer returned " + result.size() + " maps for " + images.dim(0) + " images");
            }
            return result;
        }
    }
}
