package dev.loupe.core.tensor;

import java.util.Arrays;

/**
 * Elementwise binary operations with NumPy broadcasting on row-major float arrays.
 *
 * <p>The operands are first brought to the result's rank; dimensions of size 1 in the result are
 * dropped and neighbouring dimensions in which both operands either vary or are broadcast are
 * merged. What is left is a short list (usually one to three dimensions) whose innermost one is
 * a contiguous run for each operand or a single repeated value. So (B,C,H,W)*(B,C,1,1) becomes
 * B*C runs of "vector times scalar" of length H*W, and equal shapes become one long run.
 */
final class Broadcast {

    enum Op { ADD, SUB, MUL, DIV }

    private Broadcast() {
    }

    /** The broadcast shape of {@code a} and {@code b}, or an IllegalArgumentException naming both. */
    static long[] shape(long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = dimFromEnd(a, rank - 1 - i);
            long db = dimFromEnd(b, rank - 1 - i);
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " cannot be broadcast: axis " + i + " of the result has sizes " + da + " and " + db);
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Dimension {@code fromEnd} places before the last one, 1 where the shape is too short. */
    private static long dimFromEnd(long[] shape, int fromEnd) {
        int i = shape.length - 1 - fromEnd;
        return i < 0 ? 1 : shape[i];
    }

    static float[] apply(Op op, float[] a, long[] aShape, float[] b, long[] bShape, long[] outShape) {
        float[] out = new float[HostTensor.size(outShape)];
        if (out.length == 0) {
            return out;
        }
        if (a.length == out.length && b.length == out.length) {
            // equal sizes after broadcasting means equal layouts: one contiguous run
            run(op, a, 0, 1, b, 0, 1, out, 0, out.length);
            return out;
        }
        if (b.length == 1) {
            run(op, a, 0, 1, b, 0, 0, out, 0, out.length);
            return out;
        }
        if (a.length == 1) {
            run(op, a, 0, 0, b, 0, 1, out, 0, out.length);
            return out;
        }
        strided(op, a, aShape, b, bShape, outShape, out);
        return out;
    }

    /** The general path: merged dimensions, an odometer over all but the last, a run along the last. */
    private static void strided(Op op, float[] a, long[] aShape, float[] b, long[] bShape, long[] outShape, float[] out) {
        int rank = outShape.length;
        int[] size = new int[rank];
        boolean[] aVaries = new boolean[rank];
        boolean[] bVaries = new boolean[rank];
        int n = 0;
        for (int i = 0; i < rank; i++) {
            if (outShape[i] == 1) {
                continue;
            }
            boolean av = dimFromEnd(aShape, rank - 1 - i) != 1;
            boolean bv = dimFromEnd(bShape, rank - 1 - i) != 1;
            if (n > 0 && aVaries[n - 1] == av && bVaries[n - 1] == bv) {
                size[n - 1] *= (int) outShape[i];
            } else {
                size[n] = (int) outShape[i];
                aVaries[n] = av;
                bVaries[n] = bv;
                n++;
            }
        }
        // element strides of each operand in the merged dimensions; 0 where it is broadcast
        int[] aStride = new int[n];
        int[] bStride = new int[n];
        int as = 1;
        int bs = 1;
        for (int i = n - 1; i >= 0; i--) {
            if (aVaries[i]) {
                aStride[i] = as;
                as *= size[i];
            }
            if (bVaries[i]) {
                bStride[i] = bs;
                bs *= size[i];
            }
        }
        int inner = size[n - 1];
        int[] index = new int[n];
        int ai = 0;
        int bi = 0;
        for (int o = 0; o < out.length; o += inner) {
            run(op, a, ai, aStride[n - 1], b, bi, bStride[n - 1], out, o, inner);
            for (int d = n - 2; d >= 0; d--) {
                ai += aStride[d];
                bi += bStride[d];
                if (++index[d] < size[d]) {
                    break;
                }
                index[d] = 0;
                ai -= aStride[d] * size[d];
                bi -= bStride[d] * size[d];
            }
        }
    }

    /**
     * {@code out[o + i] = a[ai + i * sa] op b[bi + i * sb]} for {@code i < n}, strides 0 or 1. One
     * plain loop per case, so that the JIT can vectorise it and no call is made per element.
     */
    private static void run(Op op, float[] a, int ai, int sa, float[] b, int bi, int sb, float[] out, int o, int n) {
        if (sa == 1 && sb == 1) {
            switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) out[o + i] = a[ai + i] + b[bi + i]; }
                case SUB -> { for (int i = 0; i < n; i++) out[o + i] = a[ai + i] - b[bi + i]; }
                case MUL -> { for (int i = 0; i < n; i++) out[o + i] = a[ai + i] * b[bi + i]; }
                case DIV -> { for (int i = 0; i < n; i++) out[o + i] = a[ai + i] / b[bi + i]; }
            }
        } else if (sa == 1) {
            float s = b[bi];
            switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) out[o + i] = a[ai + i] + s; }
                case SUB -> { for (int i = 0; i < n; i++) out[o + i] = a[ai + i] - s; }
                case MUL -> { for (int i = 0; i < n; i++) out[o + i] = a[ai + i] * s; }
                // no multiplication by 1/s: that would round differently from PyTorch's division
                case DIV -> { for (int i = 0; i < n; i++) out[o + i] = a[ai + i] / s; }
            }
        } else if (sb == 1) {
            float s = a[ai];
            switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) out[o + i] = s + b[bi + i]; }
                case SUB -> { for (int i = 0; i < n; i++) out[o + i] = s - b[bi + i]; }
                case MUL -> { for (int i = 0; i < n; i++) out[o + i] = s * b[bi + i]; }
                case DIV -> { for (int i = 0; i < n; i++) out[o + i] = s / b[bi + i]; }
            }
        } else {
            throw new IllegalStateException("a run with both operands broadcast");
        }
    }
}
