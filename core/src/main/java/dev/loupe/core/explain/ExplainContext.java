package dev.loupe.core.explain;

import dev.loupe.core.layer.LayerSelector;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.Scope;
import dev.loupe.core.model.TargetResolver;
import dev.loupe.core.stability.Stable;
import dev.loupe.core.tensor.FloatArray;

/**
 * What an explainer works with for one batch: the model (for its layers), a scope opened and
 * closed by the caller, the preprocessed images (B, C, H, W), the targets, a way to read
 * image files that parameters name, and where to report progress.
 */
@Stable
public record ExplainContext(ExplainableModel model, Scope scope, FloatArray images, TargetResolver targets,
        ImageSource imageSource, Progress progress) {

    public ExplainContext(ExplainableModel model, Scope scope, FloatArray images, TargetResolver targets,
            ImageSource imageSource) {
        this(model, scope, images, targets, imageSource, Progress.NONE);
    }

    public ExplainContext(ExplainableModel model, Scope scope, FloatArray images, TargetResolver targets) {
        this(model, scope, images, targets, ImageSource.none());
    }

    public LayerSelector layers() {
        return new LayerSelector(model.layers());
    }
}
