package dev.loupe.render.image;

import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import java.util.Arrays;

/**
 * Bilinear resampling with half-pixel centres and no antialiasing, as
 * {@code F.interpolate(x, size, mode="bilinear", align_corners=False)}.
 *
 * <p>Source coordinate of output pixel {@code i}: {@code max(0, (i + 0.5) * in/out - 0.5)}; the
 * two neighbours are its floor and the next pixel, clamped to the last one. OpenCV's
 * {@code INTER_LINEAR} (used by pytorch-grad-cam) follows the same rule. Shrinking by a large
 * factor therefore skips pixels, exactly like PyTorch does without {@code antialias=True}.
 *
 * <p>The arithmetic copies PyTorch's CPU kernel for contiguous (N, C, H, W) float input with
 * C &gt; 1 (x86-64 build), and matches torch 1.13 bit for bit there. For a single-channel input
 * PyTorch runs another kernel (the tensor also counts as channels-last) that rounds differently:
 * the results then differ in the last bit or two (about 2e-7).
 */
@Experimental
public final class Bilinear {

    private Bilinear() {}

    /**
     * Resizes {@code channels} planes of {@code inHeight x inWidth} values stored one after
     * another. Returns a copy of {@code planes} when the size does not change: no resampling,
     * values bit-identical.
     */
    public static float[] resize(float[] planes, int channels, int inHeight, int inWidth,
            int outHeight, int outWidth) {
        if (channels <= 0 || inHeight <= 0 || inWidth <= 0 || outHeight <= 0 || outWidth <= 0) {
            throw new IllegalArgumentException("sizes must be positive: " + channels + " planes "
                    + inHeight + "x" + inWidth + " -> " + outHeight + "x" + outWidth);
        }
        if ((long) channels * inHeight * inWidth != planes.length) {
            throw new IllegalArgumentException(channels + " planes of " + inHeight + "x" + inWidth
                    + " need " + (long) channels * inHeight * inWidth + " values, got " + planes.length);
        }
        if (inHeight == outHeight && inWidth == outWidth) {
            return planes.clone();
        }
        Axis rows = new Axis(inHeight, outHeight);
        Axis cols = new Axis(inWidth, outWidth);
        float[] out = new float[Math.multiplyExact(channels, Math.multiplyExact(outHeight, outWidth))];
        for (int c = 0; c < channels; c++) {
            int src = c * inHeight * inWidth;
            int dst = c * outHeight * outWidth;
            for (int y = 0; y < outHeight; y++) {
                int top = src + rows.first[y] * inWidth;
                int bottom = src + rows.second[y] * inWidth;
                float wy0 = rows.firstWeight[y];
                float wy1 = rows.secondWeight[y];
                for (int x = 0; x < outWidth; x++) {
                    int x0 = cols.first[x];
                    int x1 = cols.second[x];
                    float wx0 = cols.firstWeight[x];
                    float wx1 = cols.secondWeight[x];
                    float t0 = blend(planes[top + x0], wx0, planes[top + x1], wx1);
                    float t1 = blend(planes[bottom + x0], wx0, planes[bottom + x1], wx1);
                    out[dst + y * outWidth + x] = blend(t0, wy0, t1, wy1);
                }
            }
        }
        return out;
    }

    /**
     * {@code a * wa + b * wb} as PyTorch's x86-64 build computes it: GCC contracts the expression
     * into a fused multiply-add, {@code fma(a, wa, b * wb)}. Plain float arithmetic would differ
     * from PyTorch in the last bit for about a third of the pixels.
     */
    private static float blend(float a, float wa, float b, float wb) {
        return Math.fma(a, wa, b * wb);
    }

    /** Resizes the last two axes of a (H, W) or (C, H, W) array. */
    public static FloatArray resize(FloatArray map, int outHeight, int outWidth) {
        long[] shape = map.shape();
        if (shape.length != 2 && shape.length != 3) {
            throw new IllegalArgumentException("expected a (H, W) or (C, H, W) array, got shape "
                    + Arrays.toString(shape));
        }
        int channels = shape.length == 3 ? Math.toIntExact(shape[0]) : 1;
        int h = Math.toIntExact(shape[shape.length - 2]);
        int w = Math.toIntExact(shape[shape.length - 1]);
        float[] out = resize(map.data(), channels, h, w, outHeight, outWidth);
        long[] outShape = shape.clone();
        outShape[shape.length - 2] = outHeight;
        outShape[shape.length - 1] = outWidth;
        return new FloatArray(out, outShape);
    }

    /** Neighbour indices and weights along one axis, computed once per output position. */
    private static final class Axis {
        final int[] first;
        final int[] second;
        final float[] firstWeight;
        final float[] secondWeight;

        Axis(int in, int out) {
            first = new int[out];
            second = new int[out];
            firstWeight = new float[out];
            secondWeight = new float[out];
            // PyTorch's precisions, checked weight for weight against torch 1.13: the scale is a
            // float, the source coordinate is computed in double (the CPU accumulate type), and
            // the weights are stored as floats.
            double scale = (float) in / out;
            for (int i = 0; i < out; i++) {
                double real = Math.max(scale * (i + 0.5) - 0.5, 0.0);
                int index = Math.min((int) real, in - 1);
                // A single source pixel is copied unchanged, as PyTorch does; weights
                // (1 - l, l) on the same pixel would round.
                float lambda = in == 1 ? 0f : (float) Math.min(Math.max(real - index, 0.0), 1.0);
                first[i] = index;
                second[i] = index + (index < in - 1 ? 1 : 0);
                firstWeight[i] = 1f - lambda;
                secondWeight[i] = lambda;
            }
        }
    }
}
