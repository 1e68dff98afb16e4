package dev.loupe.render.heatmap;

import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.image.Bilinear;
import java.util.Arrays;
import java.util.List;

/**
 * One image's maps from several layers combined into one, as pytorch-grad-cam does when it is
 * given several target layers ({@code scale_cam_image} per layer, then
 * {@code aggregate_multi_layers}):
 * <ol>
 *   <li>per layer: {@code m = m - min(m)}, {@code m = m / (max(m) + 1e-7)};
 *   <li>bilinear resize to the image's H x W with half-pixel centres ({@link Bilinear}, as
 *       {@code F.interpolate(align_corners=False)} and OpenCV's {@code INTER_LINEAR});
 *   <li>the mean over layers;
 *   <li>the same min-max scaling again.
 * </ol>
 * The result is in [0, 1). pytorch-grad-cam also clips each layer's map at 0 first; Loupe's CAM
 * maps are ReLU'd by the method when asked ({@code relu: true}), so no clipping is added here and
 * a signed map keeps its full range.
 *
 * <p>Arithmetic is float32 as in NumPy: the subtraction and division per element, the mean as a
 * running float sum divided by the layer count.
 */
@Experimental
public final class LayerCombination {

    /** pytorch-grad-cam's epsilon. */
    public static final double EPSILON = 1e-7;

    /** The steps in words, for provenance. */
    public static final String STEPS = "per layer m = (m - min) / (max(m - min) + eps); bilinear to the image's"
            + " H x W (half-pixel centres, torch align_corners=False); mean over layers; the same min-max again"
            + " (pytorch-grad-cam's multi-layer aggregation)";

    private LayerCombination() {}

    /**
     * @param maps one (h, w) map per layer, in any sizes, not empty
     * @return the combined (height, width) map
     * @throws IllegalArgumentException for no maps, a map that is not (h, w), or NaN/infinity
     */
    public static FloatArray combine(List<FloatArray> maps, int height, int width) {
        if (maps.isEmpty()) {
            throw new IllegalArgumentException("no maps to combine");
        }
        float[] sum = new float[Math.multiplyExact(height, width)];
        for (FloatArray map : maps) {
            if (map.rank() != 2) {
                throw new IllegalArgumentException("expected (h, w) maps, got shape " + Arrays.toString(map.shape())
                        + "; reduce (C, H, W) maps over channels first");
            }
            FloatArray scaled = new FloatArray(scale(map.data()), map.shape());
            float[] resized = Bilinear.resize(scaled, height, width).data();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += resized[i];
            }
        }
        float count = maps.size();
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= count;
        }
        return new FloatArray(scale(sum), new long[] {height, width});
    }

    /** {@code (m - min) / (max(m - min) + 1e-7)}; a constant map becomes zeros. */
    static float[] scale(float[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("cannot scale an empty map");
        }
        float min = Float.POSITIVE_INFINITY;
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("the map holds NaN or infinite values (" + v
                        + "); it cannot be combined. Check the method's output");
            }
            min = Math.min(min, v);
        }
        float[] out = new float[values.length];
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] - min;
            max = Math.max(max, out[i]);
        }
        // NumPy adds the Python float in double and divides the float32 array by the rounded sum
        float divisor = (float) (max + EPSILON);
        for (int i = 0; i < out.length; i++) {
            out[i] /= divisor;
        }
        return out;
    }
}
