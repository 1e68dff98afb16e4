package dev.loupe.methods.gradient;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.ImageSource;
import java.util.List;

import dev.loupe.core.tensor.FloatArray;
import java.util.Locale;

/**
 * The reference input x' of Integrated Gradients, in the model's (normalised) input units,
 * made on the host from the images.
 */
sealed interface Baseline permits Baseline.Constant, Baseline.Blur, Baseline.ImageFile {

    /** The baselines of a batch (B, C, H, W), one per image; {@code files} reads image baselines. */
    FloatArray of(FloatArray images, ImageSource files);

    default FloatArray of(FloatArray images) {
        return of(images, ImageSource.none());
    }

    /**
     * One image file, preprocessed like the explained images, for every image of the batch. Its
     * size after preprocessing must equal theirs.
     */
    record ImageFile(String file) implements Baseline {
        @Override
        public FloatArray of(FloatArray images, ImageSource files) {
            FloatArray baseline = files.load(file);
            long[] one = java.util.Arrays.copyOfRange(images.shape(), 1, images.rank());
            if (!java.util.Arrays.equals(baseline.shape(), one)) {
                throw new LoupeException(ErrorKind.INPUT, "The baseline image " + file + " is "
                        + java.util.Arrays.toString(baseline.shape()) + " after preprocessing, the images are "
                        + java.util.Arrays.toString(one) + "; give a baseline image of the same size (or a resize"
                        + " that brings both to one size).");
            }
            List<FloatArray> copies = new java.util.ArrayList<>();
            for (int b = 0; b < images.dim(0); b++) {
                copies.add(baseline);
            }
            return FloatArray.stack(copies);
        }
    }

    /** Every value {@code value} ({@code zeros} is the constant 0). */
    record Constant(double value) implements Baseline {
        @Override
        public FloatArray of(FloatArray images, ImageSource files) {
            float[] values = new float[images.size()];
            java.util.Arrays.fill(values, (float) value);
            return new FloatArray(values, images.shape());
        }
    }

    /**
     * Each channel of each image blurred with a Gaussian of standard deviation {@code sigma}
     * pixels, defined as {@code scipy.ndimage.gaussian_filter(plane, sigma, mode="reflect",
     * truncate=4.0)} on every (H, W) plane: a separable kernel of radius
     * {@code r = int(4 sigma + 0.5)} with weights {@code exp(-0.5 j^2 / sigma^2)}, j = -r..r,
     * normalised to sum 1; applied along H, then along W; borders mirrored about the edge
     * ({@code d c b a | a b c d | d c b a}, repeated as far as the kernel reaches); computed in
     * double, stored as float32.
     */
    record Blur(double sigma) implements Baseline {

        public Blur {
            if (!(sigma > 0) || !Double.isFinite(sigma)) {
                throw new IllegalArgumentException("blur sigma must be > 0, got " + sigma);
            }
        }

        @Override
        public FloatArray of(FloatArray images, ImageSource files) {
            long[] shape = images.shape();
            int height = (int) shape[shape.length - 2];
            int width = (int) shape[shape.length - 1];
            int plane = height * width;
            double[] kernel = kernel(sigma);
            float[] in = images.data();
            float[] out = new float[in.length];
            double[] work = new double[plane];
            double[] row = new double[plane];
            for (int p = 0; p < in.length / plane; p++) {
                for (int i = 0; i < plane; i++) {
                    work[i] = in[p * plane + i];
                }
                // along H (stride width), then along W (stride 1)
                correlate(work, row, height, width, width, 1, kernel);
                correlate(row, work, width, height, 1, width, kernel);
                for (int i = 0; i < plane; i++) {
                    out[p * plane + i] = (float) work[i];
                }
            }
            return new FloatArray(out, shape);
        }

        static double[] kernel(double sigma) {
            int radius = (int) (4.0 * sigma + 0.5);
            double[] kernel = new double[2 * radius + 1];
            double sum = 0;
            for (int j = -radius; j <= radius; j++) {
                kernel[j + radius] = Math.exp(-0.5 / (sigma * sigma) * ((double) j * j));
                sum += kernel[j + radius];
            }
            for (int j = 0; j < kernel.length; j++) {
                kernel[j] /= sum;
            }
            return kernel;
        }

        /**
         * 1-D correlation along one axis of a plane: {@code length} values along the axis at
         * {@code stride}, {@code lines} lines {@code lineStride} apart.
         */
        private static void correlate(double[] in, double[] out, int length, int lines, int stride, int lineStride,
                double[] kernel) {
            int radius = kernel.length / 2;
            int[] index = new int[length + 2 * radius];
            for (int k = 0; k < index.length; k++) {
                index[k] = reflect(k - radius, length);
            }
            for (int line = 0; line < lines; line++) {
                int base = line * lineStride;
                for (int i = 0; i < length; i++) {
                    double acc = 0;
                    for (int j = 0; j < kernel.length; j++) {
                        acc += kernel[j] * in[base + index[i + j] * stride];
                    }
                    out[base + i * stride] = acc;
                }
            }
        }

        /** scipy's "reflect" (half-sample symmetric) border, any distance from the edge. */
        static int reflect(int i, int length) {
            int period = 2 * length;
            int m = Math.floorMod(i, period);
            return m < length ? m : period - 1 - m;
        }
    }

    /** The parameter's words. */
    enum Kind {
        ZEROS, CONSTANT, BLUR, IMAGE;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
