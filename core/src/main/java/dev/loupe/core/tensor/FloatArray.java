package dev.loupe.core.tensor;

import dev.loupe.core.stability.Stable;
import java.util.Arrays;

/**
 * A dense float32 array on the Java heap with a row-major shape. This is how values leave a
 * backend: every result of an explanation is a {@code FloatArray}, never a native handle.
 */
@Stable
public record FloatArray(float[] data, long[] shape) {

    public FloatArray {
        long n = elementCount(shape);
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
        shape = shape.clone();
    }

    public static FloatArray zeros(long... shape) {
        return new FloatArray(new float[Math.toIntExact(elementCount(shape))], shape);
    }

    public static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has too many elements");
            }
        }
        return n;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    public int size() {
        return data.length;
    }

    /** The {@code index}-th slice along the first axis, copied. */
    public FloatArray slice(int index) {
        if (shape.length == 0 || index < 0 || index >= shape[0]) {
            throw new IndexOutOfBoundsException("slice " + index + " of shape " + Arrays.toString(shape));
        }
        int step = data.length / (int) shape[0];
        float[] out = Arrays.copyOfRange(data, index * step, (index + 1) * step);
        return new FloatArray(out, Arrays.copyOfRange(shape, 1, shape.length));
    }

    /** Stacks arrays of equal shape along a new first axis. */
    public static FloatArray stack(java.util.List<FloatArray> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to stack");
        }
        long[] inner = parts.get(0).shape;
        int step = parts.get(0).data.length;
        float[] out = new float[step * parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            FloatArray p = parts.get(i);
            if (!Arrays.equals(p.shape, inner)) {
                throw new IllegalArgumentException("cannot stack " + Arrays.toString(p.shape)
                        + " with " + Arrays.toString(inner));
            }
            System.arraycopy(p.data, 0, out, i * step, step);
        }
        long[] shape = new long[inner.length + 1];
        shape[0] = parts.size();
        System.arraycopy(inner, 0, shape, 1, inner.length);
        return new FloatArray(out, shape);
    }

    public FloatArray reshape(long... newShape) {
        return new FloatArray(data, newShape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatArray f && Arrays.equals(data, f.data) && Arrays.equals(shape, f.shape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "FloatArray" + Arrays.toString(shape);
    }
}
