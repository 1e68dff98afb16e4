package dev.loupe.core.explain;

import dev.loupe.core.layer.LayerSelector;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.Scope;
import dev.loupe.core.model.TargetResolver;
import dev.loupe.core.tensor.FloatArray;

/**
 * What an explainer works with for one batch: the model (for its layers), a scope opened and
 * closed by the caller, the preprocessed images (B, C, H, W), and the targets.
 */
public record ExplainContext(ExplainableModel model, Scope scope, FloatArray images, TargetResolver targets) {

    public LayerSelector layers() {
        return new LayerSelector(model.layers());
    }
}
