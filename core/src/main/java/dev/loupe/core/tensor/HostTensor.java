package dev.loupe.core.tensor;

import dev.loupe.core.stability.Internal;
import java.util.Arrays;

/**
 * A {@link Tensor} in Java heap memory, for backends whose engine only runs the network (the
 * TensorFlow graph session) while the explainers' arithmetic happens on the host. Every
 * operation computes what PyTorch's float32 CPU kernels compute, to within an ulp or two (see
 * {@link Pointwise}, {@link Broadcast}, {@link Reductions} and {@link Resize} for how), so a
 * method gives the same map on every backend.
 *
 * <p>Immutable: the values are copied in by {@link #of} and out by {@link #toHost} (a
 * {@link FloatArray} hands out its array, so it cannot be a read-only view), and nothing writes
 * to them in between. That is why {@link #reshape} can share its operand's values.
 */
@Internal
public final class HostTensor implements Tensor {

    private final float[] data;
    private final long[] shape;

    /** Takes ownership of {@code data}: callers pass fresh arrays only. */
    private HostTensor(float[] data, long[] shape) {
        this.data = data;
        this.shape = shape;
    }

    /** A tensor holding a copy of {@code values}. */
    public static HostTensor of(FloatArray values) {
        return new HostTensor(values.data().clone(), values.shape());
    }

    /** The number of values of {@code shape}, which must fit in a Java array. */
    static int size(long[] shape) {
        long n = FloatArray.elementCount(shape);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has " + n
                    + " values, more than a Java array holds");
        }
        return (int) n;
    }

    private static HostTensor unwrap(Tensor tensor) {
        if (tensor instanceof HostTensor host) {
            return host;
        }
        throw new IllegalArgumentException("tensor " + tensor + " is not a HostTensor; upload its values first");
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public int rank() {
        return shape.length;
    }

    private HostTensor binary(Broadcast.Op op, Tensor other) {
        HostTensor b = unwrap(other);
        long[] outShape = Broadcast.shape(shape, b.shape);
        return new HostTensor(Broadcast.apply(op, data, shape, b.data, b.shape, outShape), outShape);
    }

    @Override
    public Tensor add(Tensor other) {
        return binary(Broadcast.Op.ADD, other);
    }

    @Override
    public Tensor sub(Tensor other) {
        return binary(Broadcast.Op.SUB, other);
    }

    @Override
    public Tensor mul(Tensor other) {
        return binary(Broadcast.Op.MUL, other);
    }

    @Override
    public Tensor div(Tensor other) {
        return binary(Broadcast.Op.DIV, other);
    }

    private HostTensor pointwise(Pointwise.Op op, double p, double q) {
        return new HostTensor(Pointwise.apply(op, data, (float) p, (float) q), shape);
    }

    @Override
    public Tensor add(double scalar) {
        return pointwise(Pointwise.Op.ADD, scalar, 0);
    }

    @Override
    public Tensor mul(double scalar) {
        return pointwise(Pointwise.Op.MUL, scalar, 0);
    }

    @Override
    public Tensor square() {
        return pointwise(Pointwise.Op.SQUARE, 0, 0);
    }

    @Override
    public Tensor sqrt() {
        return pointwise(Pointwise.Op.SQRT, 0, 0);
    }

    @Override
    public Tensor abs() {
        return pointwise(Pointwise.Op.ABS, 0, 0);
    }

    @Override
    public Tensor relu() {
        return pointwise(Pointwise.Op.RELU, 0, 0);
    }

    @Override
    public Tensor clamp(double min, double max) {
        return pointwise(Pointwise.Op.CLAMP, min, max);
    }

    @Override
    public Tensor sum(boolean keepDims, int... axes) {
        return reduce(Reductions.Kind.SUM, keepDims, axes);
    }

    @Override
    public Tensor mean(boolean keepDims, int... axes) {
        return reduce(Reductions.Kind.MEAN, keepDims, axes);
    }

    @Override
    public Tensor max(boolean keepDims, int... axes) {
        return reduce(Reductions.Kind.MAX, keepDims, axes);
    }

    @Override
    public Tensor min(boolean keepDims, int... axes) {
        return reduce(Reductions.Kind.MIN, keepDims, axes);
    }

    /** No axes means all axes and a repeated axis counts once, as in DjlTensor. */
    private HostTensor reduce(Reductions.Kind kind, boolean keepDims, int... axes) {
        boolean[] reduced = new boolean[shape.length];
        if (axes.length == 0) {
            Arrays.fill(reduced, true);
        }
        for (int axis : axes) {
            reduced[axis(axis)] = true;
        }
        long[] outShape = new long[shape.length];
        int n = 0;
        for (int i = 0; i < shape.length; i++) {
            if (!reduced[i]) {
                outShape[n++] = shape[i];
            } else if (keepDims) {
                outShape[n++] = 1;
            }
        }
        return new HostTensor(Reductions.reduce(kind, data, shape, reduced), Arrays.copyOf(outShape, n));
    }

    /** {@code axis} counted from the front, or an IllegalArgumentException. */
    private int axis(int axis) {
        int a = axis < 0 ? shape.length + axis : axis;
        if (a < 0 || a >= shape.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for shape " + Arrays.toString(shape));
        }
        return a;
    }

    /** One dimension may be -1 and is then inferred, as in PyTorch. Shares the values. */
    @Override
    public Tensor reshape(long... newShape) {
        long[] target = newShape.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1 && inferred < 0) {
                inferred = i;
            } else if (target[i] < 0) {
                throw reshapeError(newShape, "only one dimension may be -1 and none may be otherwise negative");
            } else if (target[i] > 0 && known > Long.MAX_VALUE / target[i]) {
                throw reshapeError(newShape, "too many values");
            } else {
                known *= target[i];
            }
        }
        if (inferred >= 0) {
            if (known == 0 || data.length % known != 0) {
                throw reshapeError(newShape, "no size for the -1 dimension fits");
            }
            target[inferred] = data.length / known;
        } else if (known != data.length) {
            throw reshapeError(newShape, "the number of values differs");
        }
        return new HostTensor(data, target);
    }

    private IllegalArgumentException reshapeError(long[] newShape, String why) {
        return new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " (" + data.length
                + " values) to " + Arrays.toString(newShape) + ": " + why);
    }

    /**
     * Elements {@code [start, end)} along {@code axis}, with Python's slice rules as in DjlTensor:
     * negative bounds count from the end, bounds past either end are clipped, and an empty range
     * gives an empty tensor.
     */
    @Override
    public Tensor slice(int axis, long start, long end) {
        int a = axis(axis);
        long dim = shape[a];
        long from = Math.min(Math.max(start < 0 ? start + dim : start, 0), dim);
        long to = Math.min(Math.max(end < 0 ? end + dim : end, from), dim);
        long[] outShape = shape.clone();
        outShape[a] = to - from;
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= (int) shape[i];
        }
        int inner = data.length == 0 ? 0 : data.length / outer / (int) dim;
        int run = (int) (to - from) * inner;
        float[] out = new float[outer * run];
        for (int o = 0; o < outer; o++) {
            System.arraycopy(data, (int) ((o * dim + from) * inner), out, o * run, run);
        }
        return new HostTensor(out, outShape);
    }

    @Override
    public Tensor interpolate(long height, long width, Interpolation mode) {
        if (shape.length != 3 && shape.length != 4) {
            throw new IllegalArgumentException("interpolate needs a rank-3 or rank-4 tensor, got shape "
                    + Arrays.toString(shape));
        }
        long inH = shape[shape.length - 2];
        long inW = shape[shape.length - 1];
        if (height <= 0 || width <= 0 || inH <= 0 || inW <= 0) {
            throw new IllegalArgumentException("cannot interpolate shape " + Arrays.toString(shape) + " to "
                    + height + "x" + width + ": sizes must be positive");
        }
        long[] outShape = shape.clone();
        outShape[shape.length - 2] = height;
        outShape[shape.length - 1] = width;
        size(outShape);
        int planes = data.length / (int) (inH * inW);
        float[] out = Resize.resize(data, planes, (int) inH, (int) inW, (int) height, (int) width, mode);
        return new HostTensor(out, outShape);
    }

    @Override
    public FloatArray toHost() {
        return new FloatArray(data.clone(), shape);
    }

    @Override
    public String toString() {
        return "HostTensor" + Arrays.toString(shape);
    }
}
