package dev.loupe.core.model;

import dev.loupe.core.stability.Stable;
import dev.loupe.core.tensor.Tensor;

/** The result of a forward pass. Its tensors live in the scope that made it. */
@Stable
public interface ForwardPass {

    /** Logits, shape (B, classes). */
    Tensor logits();

    /** The captured output of {@code layer}, shape (B, ...). */
    Tensor activation(String layer);
}
