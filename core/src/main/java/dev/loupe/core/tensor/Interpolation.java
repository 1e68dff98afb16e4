package dev.loupe.core.tensor;

import dev.loupe.core.stability.Stable;

/** Resampling rules for {@link Tensor#interpolate}. */
@Stable
public enum Interpolation {
    /** Half-pixel centres: PyTorch's {@code interpolate(mode="bilinear", align_corners=False)}. */
    BILINEAR,
    /**
     * Corner pixels map onto corner pixels: PyTorch's {@code align_corners=True}, what
     * {@code nn.UpsamplingBilinear2d} (and so pytorch-grad-cam's Score-CAM) uses.
     */
    BILINEAR_ALIGN_CORNERS,
    NEAREST
}
