package dev.loupe.render.heatmap;

import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The steps from a raw map to a {@link Heatmap}, in this order: channel reduction of a
 * (C, H, W) map, sign handling, scaling to [0, 1] at the map's own resolution (a scale shared
 * with other maps, or the map's own), upsampling to the image. Scaling before upsampling is
 * pytorch-grad-cam's order; both upsamplings are convex, so values stay in [0, 1].
 */
@Experimental
public record MapPipeline(ChannelReduction reduction, SignHandling sign, ScaleRule scale, ScaleSharing sharing,
        Upsampling upsampling) {

    public MapPipeline {
        Objects.requireNonNull(reduction, "reduction");
        Objects.requireNonNull(sign, "sign");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(sharing, "sharing");
        Objects.requireNonNull(upsampling, "upsampling");
    }

    /** Loupe's display before these options existed: abs-max, as-is, per-map min-max, bilinear. */
    public static MapPipeline defaults() {
        return withReduction(ChannelReduction.ABS_MAX);
    }

    public static MapPipeline withReduction(ChannelReduction reduction) {
        return new MapPipeline(reduction, SignHandling.AS_IS, ScaleRule.minMax(), ScaleSharing.NONE,
                Upsampling.BILINEAR);
    }

    /** The (h, w) map after channel reduction and sign handling, at the map's own resolution. */
    public FloatArray signed(FloatArray raw) {
        FloatArray map = switch (raw.rank()) {
            case 2 -> raw;
            case 3 -> reduction.apply(raw);
            default -> throw new IllegalArgumentException("expected a (C, H, W) input attribution or an (h, w)"
                    + " layer attribution, got shape " + Arrays.toString(raw.shape())
                    + (raw.rank() == 4 ? "; for a batch, render each item (FloatArray.slice(i))" : ""));
        };
        return sign.apply(map);
    }

    /** The scale shared by {@code signedMaps} (outputs of {@link #signed}). */
    public Scale scaleOf(List<FloatArray> signedMaps) {
        return scale.scaleOf(signedMaps, sign.centred());
    }

    /** A map's heatmap with its own scale. */
    public Heatmap heatmap(FloatArray raw, int height, int width) {
        FloatArray map = signed(raw);
        return heatmap(map, scaleOf(List.of(map)), height, width);
    }

    /** A map from {@link #signed} drawn with a given (perhaps shared) scale. */
    public Heatmap heatmap(FloatArray signedMap, Scale shared, int height, int width) {
        FloatArray resized = upsampling.resize(shared.apply(signedMap), height, width);
        float[] v = resized.data();
        for (int i = 0; i < v.length; i++) {
            // float rounding in the resize may step a hair outside [0, 1]
            v[i] = Math.min(Math.max(v[i], 0f), 1f);
        }
        return Heatmap.fromNormalized(resized);
    }

    /** The choices by their configuration names, for run.json. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("reduction", reduction.id());
        d.put("sign", sign.id());
        d.put("normalise", scale.describe());
        d.put("shared", sharing.id());
        d.put("upsample", upsampling.id());
        return d;
    }
}
