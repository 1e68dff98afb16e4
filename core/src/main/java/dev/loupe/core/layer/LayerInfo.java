package dev.loupe.core.layer;

import java.util.Arrays;
import java.util.Objects;

/**
 * A layer as PyTorch's {@code named_modules()} prints it: a dotted path ({@code layer4.1.conv2},
 * {@code features.28}), its type ({@code Conv2d}), and its output shape at batch size 1, or
 * {@code null} when the layer does not return a single tensor (it cannot be captured then).
 */
public record LayerInfo(String path, String type, long[] outputShape) {

    public LayerInfo {
        outputShape = outputShape == null ? null : outputShape.clone();
    }

    @Override
    public long[] outputShape() {
        return outputShape == null ? null : outputShape.clone();
    }

    public boolean capturable() {
        return outputShape != null;
    }

    // records compare array components by identity: compare the shape's values instead

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerInfo other && Objects.equals(path, other.path) && Objects.equals(type, other.type)
                && Arrays.equals(outputShape, other.outputShape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, type) * 31 + Arrays.hashCode(outputShape);
    }

    @Override
    public String toString() {
        return "LayerInfo[" + path + ", " + type + ", " + (outputShape == null ? "not capturable" : Arrays.toString(outputShape)) + "]";
    }

    /** How deep the layer sits: 0 for a child of the model. */
    public int depth() {
        return (int) path.chars().filter(c -> c == '.').count();
    }
}
