package dev.loupe.core.layer;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.stability.Stable;
import dev.loupe.core.text.Suggestions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the layer names users write ({@code layer4}, {@code features.28}) against a model's
 * layers. The name {@value #AUTO} picks a sensible layer for class activation maps.
 */
@Stable
public final class LayerSelector {

    public static final String AUTO = "auto";

    /** Layers that only resample, normalise or drop: never chosen by {@value #AUTO}. */
    static final Set<String> NOT_FEATURES = Set.of(
            "MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d", "AdaptiveMaxPool2d", "BatchNorm2d",
            "Dropout", "Dropout2d", "Identity", "Upsample",
            // the same roles as TensorFlow op types
            "MaxPool", "AvgPool", "Mean", "FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3",
            "Pad", "PadV2", "Transpose", "Reshape", "ResizeBilinear", "ResizeNearestNeighbor");

    private final Map<String, LayerInfo> byPath = new LinkedHashMap<>();

    public LayerSelector(List<LayerInfo> layers) {
        for (LayerInfo layer : layers) {
            byPath.put(layer.path(), layer);
        }
    }

    /** The layer called {@code name}, or {@value #AUTO}'s choice; fails with close names. */
    public LayerInfo select(String name) {
        if (AUTO.equals(name)) {
            return auto();
        }
        LayerInfo layer = byPath.get(name);
        if (layer == null) {
            List<String> close = Suggestions.closest(name, byPath.keySet(), 5);
            String hint = close.isEmpty()
                    ? " Run 'loupe layers --model <file>' to list the layers."
                    : " Closest names: " + String.join(", ", close) + ".";
            throw new UnknownLayerException(name, close, "The model has no layer '" + name + "'." + hint);
        }
        if (!layer.capturable()) {
            throw new LoupeException(ErrorKind.INPUT, "Layer '" + name + "' (" + layer.type()
                    + ") does not return a single tensor, so its output cannot be captured; choose one"
                    + " of its children or another layer.");
        }
        return layer;
    }

    /**
     * The last feature layer with a spatial output larger than 1x1, raised to its outermost
     * ancestor with the same output (resnet: {@code layer4}; vgg: {@code features.29}).
     */
    public LayerInfo auto() {
        LayerInfo chosen = null;
        for (LayerInfo layer : byPath.values()) {
            long[] shape = layer.outputShape();
            if (shape != null && shape.length == 4 && shape[2] * shape[3] > 1
                    && !NOT_FEATURES.contains(layer.type())) {
                chosen = layer;
            }
        }
        if (chosen == null) {
            throw new LoupeException(ErrorKind.INPUT, "The model has no layer with a spatial (B, C, H, W)"
                    + " output larger than 1x1, so no layer can be chosen automatically; name one"
                    + " with the 'layer' parameter.");
        }
        long[] shape = chosen.outputShape();
        for (String up = LayerInfo.parentPath(chosen.path()); up != null; up = LayerInfo.parentPath(up)) {
            LayerInfo parent = byPath.get(up);
            if (parent != null && Arrays.equals(parent.outputShape(), shape)) {
                chosen = parent;
            }
        }
        return chosen;
    }

    public List<LayerInfo> all() {
        return List.copyOf(byPath.values());
    }
}
