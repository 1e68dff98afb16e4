package dev.loupe.core.tensor;

/** Resampling rules for {@link Tensor#interpolate}. */
public enum Interpolation {
    BILINEAR,
    NEAREST
}
