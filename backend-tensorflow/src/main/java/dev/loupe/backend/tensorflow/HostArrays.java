package dev.loupe.backend.tensorflow;

import dev.loupe.core.tensor.FloatArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Copies between host arrays and TensorFlow tensors, and between NCHW and NHWC. */
final class HostArrays {

    private HostArrays() {
    }

    /** A new TensorFlow tensor holding a copy of {@code values}; the caller closes it. */
    static TFloat32 toTensor(FloatArray values) {
        return TFloat32.tensorOf(Shape.of(values.shape()), DataBuffers.of(values.data(), true, false));
    }

    static FloatArray fromTensor(TFloat32 tensor) {
        float[] data = new float[Math.toIntExact(tensor.size())];
        tensor.copyTo(DataBuffers.of(data, false, false));
        return new FloatArray(data, tensor.shape().asArray());
    }

    /** (B, C, H, W) to (B, H, W, C). */
    static FloatArray toNhwc(FloatArray nchw) {
        return permute(nchw, true);
    }

    /** (B, H, W, C) to (B, C, H, W). */
    static FloatArray toNchw(FloatArray nhwc) {
        return permute(nhwc, false);
    }

    private static FloatArray permute(FloatArray in, boolean toNhwc) {
        long[] s = in.shape();
        if (s.length != 4) {
            throw new IllegalArgumentException("expected a rank-4 array, got shape " + java.util.Arrays.toString(s));
        }
        int b = (int) s[0];
        int c = (int) (toNhwc ? s[1] : s[3]);
        int h = (int) (toNhwc ? s[2] : s[1]);
        int w = (int) (toNhwc ? s[3] : s[2]);
        float[] src = in.data();
        float[] dst = new float[src.length];
        int plane = h * w;
        for (int n = 0; n < b; n++) {
            int base = n * c * plane;
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < plane; p++) {
                    int nchw = base + ch * plane + p;
                    int nhwc = base + p * c + ch;
                    if (toNhwc) {
                        dst[nhwc] = src[nchw];
                    } else {
                        dst[nchw] = src[nhwc];
                    }
                }
            }
        }
        long[] shape = toNhwc ? new long[] {b, h, w, c} : new long[] {b, c, h, w};
        return new FloatArray(dst, shape);
    }
}
