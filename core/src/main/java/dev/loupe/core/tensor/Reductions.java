package dev.loupe.core.tensor;

import java.util.Arrays;
import java.util.Locale;

/**
 * Sum, mean, max and min over a set of axes of a row-major float array.
 *
 * <p>Sums and means accumulate in double and round once at the end. PyTorch adds float32 in
 * float (cascaded over vector lanes), which keeps its error to about an ulp of the result for
 * activation-sized sums, so the two agree to ~1e-7 of the result; a plain float loop over 196
 * or 8,192 values would not. Where a long sum cancels, PyTorch's error grows with the sum of
 * |x| and the double result is the closer one. Max and min are exact and propagate NaN.
 */
final class Reductions {

    enum Kind { SUM, MEAN, MAX, MIN }

    private Reductions() {
    }

    /** @param reduced which axes of {@code shape} are reduced */
    static float[] reduce(Kind kind, float[] x, long[] shape, boolean[] reduced) {
        long outCount = 1;
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (reduced[i]) {
                count *= shape[i];
            } else {
                outCount *= shape[i];
            }
        }
        float[] out = new float[(int) outCount];
        if (out.length == 0) {
            return out;
        }
        if (count == 0) {
            if (kind == Kind.MAX || kind == Kind.MIN) {
                throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT) + " over axes of size 0 in shape "
                        + Arrays.toString(shape) + " has no value");
            }
            Arrays.fill(out, kind == Kind.MEAN ? Float.NaN : 0f);
            return out;
        }
        if (count == 1) {
            // only axes of size 1 are reduced: every output is one input
            System.arraycopy(x, 0, out, 0, out.length);
            return out;
        }
        // merge neighbouring axes of the same kind; size-1 axes change nothing and are dropped
        int[] size = new int[shape.length];
        boolean[] isReduced = new boolean[shape.length];
        int n = 0;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 1) {
                continue;
            }
            if (n > 0 && isReduced[n - 1] == reduced[i]) {
                size[n - 1] *= (int) shape[i];
            } else {
                size[n] = (int) shape[i];
                isReduced[n] = reduced[i];
                n++;
            }
        }
        if (kind == Kind.SUM || kind == Kind.MEAN) {
            double[] acc = new double[out.length];
            walk(kind, x, size, isReduced, n, acc, null);
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (kind == Kind.MEAN ? acc[i] / count : acc[i]);
            }
        } else {
            Arrays.fill(out, kind == Kind.MAX ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
            walk(kind, x, size, isReduced, n, null, out);
        }
        return out;
    }

    /**
     * Visits the input in memory order, one run along the innermost merged axis at a time, while
     * an odometer over the outer axes tracks where in the output each run goes. Sums go into
     * {@code sums}, maxima and minima into {@code extrema}.
     */
    private static void walk(Kind kind, float[] x, int[] size, boolean[] isReduced, int n,
            double[] sums, float[] extrema) {
        int[] outStride = outStrides(size, isReduced, n);
        int inner = size[n - 1];
        boolean innerReduced = isReduced[n - 1];
        int[] index = new int[n];
        int o = 0;
        for (int i = 0; i < x.length; i += inner) {
            if (innerReduced) {
                switch (kind) {
                    case SUM, MEAN -> sums[o] += sum(x, i, inner);
                    case MAX -> extrema[o] = Math.max(extrema[o], max(x, i, inner));
                    case MIN -> extrema[o] = Math.min(extrema[o], min(x, i, inner));
                }
            } else {
                switch (kind) {
                    case SUM, MEAN -> { for (int j = 0; j < inner; j++) sums[o + j] += x[i + j]; }
                    case MAX -> { for (int j = 0; j < inner; j++) extrema[o + j] = Math.max(extrema[o + j], x[i + j]); }
                    case MIN -> { for (int j = 0; j < inner; j++) extrema[o + j] = Math.min(extrema[o + j], x[i + j]); }
                }
            }
            o = advance(index, size, outStride, n, o);
        }
    }

    /** Output strides of the merged axes: 0 for reduced ones. */
    private static int[] outStrides(int[] size, boolean[] isReduced, int n) {
        int[] stride = new int[n];
        int s = 1;
        for (int i = n - 1; i >= 0; i--) {
            if (!isReduced[i]) {
                stride[i] = s;
                s *= size[i];
            }
        }
        return stride;
    }

    /** Steps the odometer over all merged axes but the innermost; returns the new output offset. */
    private static int advance(int[] index, int[] size, int[] outStride, int n, int o) {
        for (int d = n - 2; d >= 0; d--) {
            o += outStride[d];
            if (++index[d] < size[d]) {
                return o;
            }
            index[d] = 0;
            o -= outStride[d] * size[d];
        }
        return o;
    }

    /** Four accumulators break the add-latency chain; in double the order does not matter here. */
    private static double sum(float[] x, int from, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        int end = from + n;
        for (; i + 3 < end; i += 4) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
        }
        for (; i < end; i++) {
            s0 += x[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static float max(float[] x, int from, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = from; i < from + n; i++) {
            m = Math.max(m, x[i]);
        }
        return m;
    }

    private static float min(float[] x, int from, int n) {
        float m = Float.POSITIVE_INFINITY;
        for (int i = from; i < from + n; i++) {
            m = Math.min(m, x[i]);
        }
        return m;
    }
}
