package dev.loupe.core.tensor;

/**
 * Resizing of the last two axes, computed the way PyTorch's CPU kernel computes
 * {@code F.interpolate}, step for step, so that the results are the same bits (checked against
 * torch 1.13 by HostTensorTest):
 * <ul>
 * <li>the scale is a float32 ({@code in / out}, or {@code (in - 1) / (out - 1)} with aligned
 *     corners), the source position is computed from it in double, and only the weight
 *     {@code lambda1 = position - floor(position)} is rounded to float; {@code lambda0 = 1 - lambda1};
 * <li>each output is {@code fma(t0, wh0, t1 * wh1)} with {@code t = fma(x0, ww0, x1 * ww1)} along
 *     the two source rows, which is what the compiled kernel does (its multiply-adds are fused).
 * </ul>
 * That is separable, so each plane is interpolated along its rows first (input height x output
 * width values) and then down its columns, with per-axis index and weight tables made once.
 * {@link Math#fma} is a single instruction on CPUs with FMA (x86 since 2013, every ARM64).
 */
final class Resize {

    private Resize() {
    }

    /** Source indices and weights along one axis: output i = w0[i] * in[i0[i]] + w1[i] * in[i1[i]]. */
    private record Axis(int[] i0, int[] i1, float[] w0, float[] w1) {

        /** PyTorch's {@code compute_source_index_and_lambda}, in its mix of float and double. */
        static Axis linear(int in, int out, boolean alignCorners) {
            Axis axis = new Axis(new int[out], new int[out], new float[out], new float[out]);
            // a float32 scale, as in PyTorch; positions are then computed from it in double
            double scale = alignCorners
                    ? (out > 1 ? (float) (in - 1) / (out - 1) : 0f)
                    : (float) in / out;
            for (int i = 0; i < out; i++) {
                if (in == out) {
                    axis.i0[i] = i;
                    axis.i1[i] = i;
                    axis.w0[i] = 1f;
                    axis.w1[i] = 0f;
                    continue;
                }
                // half-pixel centres clamp at 0 (the source of output 0 would be negative)
                double source = alignCorners ? scale * i : Math.max(scale * (i + 0.5) - 0.5, 0);
                int low = (int) source;
                axis.i0[i] = low;
                axis.i1[i] = low < in - 1 ? low + 1 : low;
                float lambda = (float) Math.min(Math.max(source - low, 0), 1);
                axis.w1[i] = lambda;
                axis.w0[i] = 1f - lambda;
            }
            return axis;
        }
    }

    /** PyTorch's legacy {@code nearest}: source = min(floor(dst * (in / out)), in - 1) in float. */
    private static int[] nearest(int in, int out) {
        float scale = (float) in / out;
        int[] source = new int[out];
        for (int i = 0; i < out; i++) {
            source[i] = Math.min((int) Math.floor(i * scale), in - 1);
        }
        return source;
    }

    /** @param x {@code planes} planes of {@code inH x inW} values, row-major */
    static float[] resize(float[] x, int planes, int inH, int inW, int outH, int outW, Interpolation mode) {
        float[] out = new float[Math.multiplyExact(planes, Math.multiplyExact(outH, outW))];
        if (mode == Interpolation.NEAREST) {
            int[] rows = nearest(inH, outH);
            int[] cols = nearest(inW, outW);
            for (int p = 0; p < planes; p++) {
                int base = p * inH * inW;
                int o = p * outH * outW;
                for (int r = 0; r < outH; r++) {
                    if (r > 0 && rows[r] == rows[r - 1]) {
                        // enlarging repeats source rows: copy the row just made
                        System.arraycopy(out, o - outW, out, o, outW);
                        o += outW;
                        continue;
                    }
                    int row = base + rows[r] * inW;
                    for (int c = 0; c < outW; c++) {
                        out[o++] = x[row + cols[c]];
                    }
                }
            }
            return out;
        }
        boolean alignCorners = mode == Interpolation.BILINEAR_ALIGN_CORNERS;
        Axis rows = Axis.linear(inH, outH, alignCorners);
        Axis cols = Axis.linear(inW, outW, alignCorners);
        float[] horizontal = new float[inH * outW];
        for (int p = 0; p < planes; p++) {
            int base = p * inH * inW;
            for (int r = 0; r < inH; r++) {
                int row = base + r * inW;
                int t = r * outW;
                for (int c = 0; c < outW; c++) {
                    horizontal[t + c] = Math.fma(x[row + cols.i0[c]], cols.w0[c], x[row + cols.i1[c]] * cols.w1[c]);
                }
            }
            int o = p * outH * outW;
            for (int r = 0; r < outH; r++) {
                int top = rows.i0[r] * outW;
                int bottom = rows.i1[r] * outW;
                float w0 = rows.w0[r];
                float w1 = rows.w1[r];
                for (int c = 0; c < outW; c++) {
                    out[o + c] = Math.fma(horizontal[top + c], w0, horizontal[bottom + c] * w1);
                }
                o += outW;
            }
        }
        return out;
    }
}
