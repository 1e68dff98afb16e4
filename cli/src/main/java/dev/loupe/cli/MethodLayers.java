package dev.loupe.cli;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.layer.LayerChoice;
import dev.loupe.core.param.ParameterType;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.spi.ExplainerProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Which methods are layer methods, and the layers a request asks of one. A layer method is one
 * that declares a parameter named {@value #LAYER} of the layer type; its value may then be one
 * layer, several (a list, or a comma-separated string) or a layer group.
 */
final class MethodLayers {

    static final String LAYER = "layer";

    private MethodLayers() {
    }

    static boolean isLayerMethod(ExplainerProvider provider) {
        return provider.parameters().definitions().stream()
                .anyMatch(d -> d.name().equals(LAYER) && d.type() == ParameterType.LAYER);
    }

    /** Whether a parameter value asks for more than one layer: a list, or a string with a comma. */
    static boolean isList(Object value) {
        return value instanceof List<?> || value instanceof String s && s.contains(",");
    }

    /**
     * The layers {@code value} (a String, a number such as {@code 0}, or a list of those) asks
     * for; spelling mistakes are usage errors.
     */
    static LayerChoice parse(String method, Object value) {
        List<String> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof String || item instanceof Number)) {
                    throw usage(method, "expected layer names, got " + (item == null ? "no value" : "'" + item + "'")
                            + " in " + list);
                }
                items.add(item.toString());
            }
        } else if (value instanceof String || value instanceof Number) {
            items.addAll(LayerChoice.split(value.toString()));
        } else {
            throw usage(method, "expected a layer name, a list of layer names or a layer group, got " + value);
        }
        try {
            return LayerChoice.parse(items);
        } catch (IllegalArgumentException e) {
            throw usage(method, e.getMessage());
        }
    }

    /** The message for a layer list given to a method that takes no layer. */
    static LoupeException notALayerMethod(ExplainerRegistry registry, String method) {
        List<String> layerMethods = registry.all().stream().filter(MethodLayers::isLayerMethod)
                .map(ExplainerProvider::name).toList();
        return new LoupeException(ErrorKind.USAGE, "Method '" + method + "' has no '" + LAYER + "' parameter, so it"
                + " cannot take a list of layers. Methods that do: " + String.join(", ", layerMethods) + ".");
    }

    private static LoupeException usage(String method, String message) {
        return new LoupeException(ErrorKind.USAGE, "Method '" + method + "', parameter '" + LAYER + "': " + message + ".");
    }
}
