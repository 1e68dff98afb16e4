package dev.loupe.metrics;

import dev.loupe.core.explain.Attribution;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.HostTensor;
import dev.loupe.core.tensor.Interpolation;
import java.util.List;

/**
 * One value per image pixel from an attribution map, which is what every metric here ranks or
 * thresholds. The rule, in order:
 * <ol>
 * <li>an input map with several channels (C, H, W) is reduced over channels by {@link Reduction}:
 *     {@code sum} (signed total evidence of the pixel; for a linear model's w*x this is exactly
 *     the pixel's contribution to the logit) or {@code abs-max} (how saliency maps are shown);
 * <li>a one-channel input map (occlusion, RISE) is taken as it is, signed;
 * <li>a plane of another size (a layer map, (h, w)) is upsampled bilinearly with half-pixel
 *     centres (PyTorch's {@code interpolate(mode="bilinear", align_corners=False)}).
 * </ol>
 */
@Internal
public final class MapPlane {

    /** The metric parameter that picks the channel reduction. */
    public static final String PARAMETER = "reduce";

    /** How several channels become one value per pixel. */
    public enum Reduction {
        SUM,
        ABS_MAX;

        public static Reduction parse(String text) {
            return switch (text) {
                case "sum" -> SUM;
                case "abs-max" -> ABS_MAX;
                default -> throw new IllegalArgumentException("unknown channel reduction '" + text + "'");
            };
        }
    }

    private MapPlane() {
    }

    public static ParameterDef parameter(String defaultValue) {
        return ParameterDef.choice(PARAMETER, defaultValue, List.of("sum", "abs-max"),
                "how a several-channel input map becomes one value per pixel: signed sum or largest |value|");
    }

    /** The map of {@code attribution} as {@code height x width} values, row-major. */
    public static float[] of(Attribution attribution, int height, int width, Reduction reduction) {
        FloatArray map = attribution.map();
        FloatArray plane = switch (map.rank()) {
            case 2 -> map;
            case 3 -> map.dim(0) == 1 ? map.reshape(map.dim(1), map.dim(2)) : reduce(map, reduction);
            default -> throw new IllegalArgumentException("not an attribution map: " + map);
        };
        if (plane.dim(0) == height && plane.dim(1) == width) {
            return plane.data().clone();
        }
        FloatArray planes = plane.reshape(1, 1, plane.dim(0), plane.dim(1));
        return HostTensor.of(planes).interpolate(height, width, Interpolation.BILINEAR).toHost().data();
    }

    static FloatArray reduce(FloatArray map, Reduction reduction) {
        int channels = (int) map.dim(0);
        int pixels = (int) (map.dim(1) * map.dim(2));
        float[] data = map.data();
        float[] out = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            float acc = 0;
            for (int c = 0; c < channels; c++) {
                float v = data[c * pixels + i];
                acc = reduction == Reduction.SUM ? acc + v : Math.max(acc, Math.abs(v));
            }
            out[i] = acc;
        }
        return new FloatArray(out, new long[] {map.dim(1), map.dim(2)});
    }
}
