package dev.loupe.core.model;

import dev.loupe.core.stability.Stable;

/**
 * What a loaded model is, for provenance: the backend, the file and its SHA-256, the device it
 * runs on, the input shape {@code (C, H, W)} and the number of classes.
 */
@Stable
public record ModelDescription(
        String backend, String source, String sha256, String device, long[] inputShape, int classCount) {

    public ModelDescription {
        inputShape = inputShape.clone();
    }

    @Override
    public long[] inputShape() {
        return inputShape.clone();
    }
}
