package dev.loupe.bench.trace;

import dev.loupe.core.stability.Internal;
import java.util.Arrays;

/** A tensor shape with value equality (a {@code long[]} in a record compares by identity). */
@Internal
public record Shape(long[] dims) {

    public Shape {
        dims = dims.clone();
    }

    public static Shape of(long... dims) {
        return new Shape(dims);
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    /** The first dimension: the number of images (rows) a pass runs on. */
    public long rows() {
        return dims.length == 0 ? 1 : dims[0];
    }

    public long elements() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
