package dev.loupe.core.tensor;

import dev.loupe.core.stability.Stable;

/**
 * An array that lives in a backend (host memory for CPU engines, device memory for GPU ones).
 * Explainers compute with these so that a GPU backend never copies to the host inside a method;
 * {@link #toHost()} is the one way out.
 *
 * <p>A tensor belongs to the {@link dev.loupe.core.model.Scope} that made it and is freed when
 * that scope closes; tensors are never closed one by one. Operations return new tensors and
 * never modify their operands. Binary operations broadcast like NumPy.
 */
@Stable
public interface Tensor {

    long[] shape();

    default int rank() {
        return shape().length;
    }

    default long dim(int axis) {
        long[] s = shape();
        return s[axis < 0 ? s.length + axis : axis];
    }

    Tensor add(Tensor other);

    Tensor sub(Tensor other);

    Tensor mul(Tensor other);

    Tensor div(Tensor other);

    Tensor add(double scalar);

    Tensor mul(double scalar);

    Tensor square();

    Tensor sqrt();

    Tensor abs();

    Tensor relu();

    Tensor clamp(double min, double max);

    /** Sum over the given axes (negative axes count from the end). */
    Tensor sum(boolean keepDims, int... axes);

    Tensor mean(boolean keepDims, int... axes);

    Tensor max(boolean keepDims, int... axes);

    Tensor min(boolean keepDims, int... axes);

    Tensor reshape(long... shape);

    /** Elements {@code [start, end)} along {@code axis}. */
    Tensor slice(int axis, long start, long end);

    /**
     * Resizes the last two axes of a rank-3 or rank-4 tensor. Bilinear uses half-pixel centres
     * and no antialiasing: PyTorch's {@code interpolate(mode="bilinear", align_corners=False)}.
     */
    Tensor interpolate(long height, long width, Interpolation mode);

    FloatArray toHost();
}
