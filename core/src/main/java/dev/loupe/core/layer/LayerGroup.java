package dev.loupe.core.layer;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.stability.Stable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A named set of layers, chosen by a rule on the model's layer tree, so a layer grid does not
 * need its layers listed by hand. Layers come out in module order ({@code named_modules()}), which
 * is the order they run in for models that register modules in the order they call them, as
 * torchvision's do.
 */
@Stable
public enum LayerGroup {

    /** {@value #ALL_CONV_RULE}. */
    ALL_CONV("all-conv"),
    /** {@value #ALL_BLOCKS_RULE}. */
    ALL_BLOCKS("all-blocks");

    /** Constants, so that picocli's help (an annotation) can quote them. */
    public static final String ALL_CONV_RULE = "every convolution layer (PyTorch Conv2d, TensorFlow Conv2D scope) with a (B, C, H, W) output";
    public static final String ALL_BLOCKS_RULE = "the model's top-level children with a spatial output larger"
            + " than 1x1 that are not pooling, normalisation or dropout layers, where a Sequential holding"
            + " sub-containers (a ResNet stage such as layer1) is replaced by its children (the residual blocks)";

    /**
     * Containers that only chain their children, so that the last child's output is theirs:
     * PyTorch's {@code nn.Sequential} and DJL's {@code SequentialBlock}. Other containers (an
     * Inception block concatenating parallel branches) are blocks themselves.
     */
    private static final Set<String> CHAINS = Set.of("Sequential", "SequentialBlock");

    /** PyTorch's convolution module and TensorFlow's convolution ops (a scope's type is its op's). */
    private static final Set<String> CONVOLUTIONS = Set.of("Conv2d", "Conv2D", "DepthwiseConv2dNative");

    private final String id;

    LayerGroup(String id) {
        this.id = id;
    }

    /** The name users write: {@code all-conv}. */
    public String id() {
        return id;
    }

    /** The selection rule in words. */
    public String rule() {
        return switch (this) {
            case ALL_CONV -> ALL_CONV_RULE;
            case ALL_BLOCKS -> ALL_BLOCKS_RULE;
        };
    }

    public static Optional<LayerGroup> byId(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        for (LayerGroup group : values()) {
            if (group.id.equals(key)) {
                return Optional.of(group);
            }
        }
        return Optional.empty();
    }

    /** The selected layers in module order; never empty (an empty selection is an input error). */
    public List<LayerInfo> select(List<LayerInfo> layers) {
        List<LayerInfo> chosen = switch (this) {
            case ALL_CONV -> layers.stream().filter(l -> !l.op() && CONVOLUTIONS.contains(l.type()) && rank(l) == 4).toList();
            case ALL_BLOCKS -> blocks(layers);
        };
        if (chosen.isEmpty()) {
            TreeSet<String> types = new TreeSet<>();
            layers.forEach(l -> types.add(l.type()));
            throw new LoupeException(ErrorKind.INPUT, "--layer " + id + ": the model has no layer that fits this rule ("
                    + rule() + "); its layer types are " + String.join(", ", types) + ". Name the layers instead"
                    + " ('loupe layers --model <file>' lists them).");
        }
        return chosen;
    }

    private static List<LayerInfo> blocks(List<LayerInfo> layers) {
        List<LayerInfo> chosen = new ArrayList<>();
        for (LayerInfo top : layers) {
            if (top.depth() != 0 || top.op()) {
                continue;
            }
            List<LayerInfo> children = childrenOf(top, layers);
            boolean chainOfBlocks = CHAINS.contains(top.type())
                    && children.stream().anyMatch(c -> !childrenOf(c, layers).isEmpty());
            if (chainOfBlocks) {
                children.stream().filter(LayerGroup::isFeatureMap).forEach(chosen::add);
            } else if (isFeatureMap(top)) {
                chosen.add(top);
            }
        }
        return chosen;
    }

    private static List<LayerInfo> childrenOf(LayerInfo parent, List<LayerInfo> layers) {
        return layers.stream()
                .filter(l -> !l.op() && LayerInfo.isInside(l.path(), parent.path()) && l.depth() == parent.depth() + 1)
                .toList();
    }

    /** The same test {@code auto} uses: a spatial map larger than 1x1 from a layer that makes features. */
    private static boolean isFeatureMap(LayerInfo layer) {
        long[] shape = layer.outputShape();
        return shape != null && shape.length == 4 && shape[2] * shape[3] > 1
                && !LayerSelector.NOT_FEATURES.contains(layer.type());
    }

    private static int rank(LayerInfo layer) {
        long[] shape = layer.outputShape();
        return shape == null ? -1 : shape.length;
    }

    @Override
    public String toString() {
        return id;
    }
}
