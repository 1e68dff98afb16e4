package dev.loupe.core.layer;

import dev.loupe.core.stability.Stable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A layer as the model's framework names it: a PyTorch module path ({@code layer4.1.conv2},
 * {@code features.28}) or a TensorFlow name scope or op ({@code conv2d}, {@code conv2d/BiasAdd}),
 * its type ({@code Conv2d}, {@code Conv2D}), and its output shape at batch size 1, or {@code null}
 * when the layer does not return a single tensor (it cannot be captured then). {@code op} marks a
 * single graph operation inside a layer, addressable but not a layer of its own: layer groups
 * and the tree skip it.
 */
@Stable
public record LayerInfo(String path, String type, long[] outputShape, boolean op) {

    public LayerInfo {
        outputShape = outputShape == null ? null : outputShape.clone();
    }

    /** A module or scope (not a single op). */
    public LayerInfo(String path, String type, long[] outputShape) {
        this(path, type, outputShape, false);
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
                && Arrays.equals(outputShape, other.outputShape) && op == other.op;
    }

    @Override
    public int hashCode() {
        return (Objects.hash(path, type, op) * 31) + Arrays.hashCode(outputShape);
    }

    @Override
    public String toString() {
        return "LayerInfo[" + path + ", " + type + (op ? " (op)" : "") + ", " + (outputShape == null ? "not capturable" : Arrays.toString(outputShape)) + "]";
    }

    /** How deep the layer sits: 0 for a child of the model. */
    public int depth() {
        char separator = separator(path);
        return (int) path.chars().filter(c -> c == separator).count();
    }

    /** The enclosing layer's path, or null at the top. */
    public static String parentPath(String path) {
        int cut = path.lastIndexOf(separator(path));
        return cut > 0 ? path.substring(0, cut) : null;
    }

    /** Whether {@code path} lies inside the layer {@code parent}. */
    public static boolean isInside(String path, String parent) {
        return path.startsWith(parent + separator(path));
    }

    /** TensorFlow scopes nest with '/', PyTorch modules with '.'; TensorFlow names may hold dots. */
    private static char separator(String path) {
        return path.indexOf('/') >= 0 ? '/' : '.';
    }
}
