package dev.loupe.core.model;

import dev.loupe.core.stability.Stable;
import dev.loupe.core.tensor.FloatArray;

/**
 * Chooses each image's target class once the logits are known, inside the pass, so a "top
 * prediction" target costs no extra forward.
 */
@FunctionalInterface
@Stable
public interface TargetResolver {

    /** One class index per image, given logits of shape (B, classes). */
    int[] resolve(FloatArray logits);

    /**
     * The targets of a batch of {@code batch} images when they do not depend on the logits (fixed
     * class indices), else null. A backend that must know the targets before its backward pass
     * starts can then skip a separate forward; it still calls {@link #resolve}, which checks them.
     */
    default int[] known(int batch) {
        return null;
    }
}
