package dev.loupe.core.model;

import dev.loupe.core.tensor.FloatArray;

/**
 * Chooses each image's target class once the logits are known, inside the pass, so a "top
 * prediction" target costs no extra forward.
 */
@FunctionalInterface
public interface TargetResolver {

    /** One class index per image, given logits of shape (B, classes). */
    int[] resolve(FloatArray logits);
}
