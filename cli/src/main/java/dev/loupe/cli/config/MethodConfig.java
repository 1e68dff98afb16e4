package dev.loupe.cli.config;

import dev.loupe.core.layer.LayerChoice;
import dev.loupe.core.stability.Internal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code methods:}.
 *
 * @param name   the method's name as its provider registers it ({@code saliency},
 *               {@code grad-cam}); checked against the methods on the class path when the run
 *               starts
 * @param params free-form parameters, validated later against the method's own parameter spec.
 *               Values are kept as YAML gave them: String, Long (every integer, never Integer),
 *               Double, Boolean, null, and unmodifiable List / Map of those, in file order. Empty
 *               when absent. A layer method's {@code layer} may be a list of layer names
 *               ({@code [layer3, layer4]}, or {@code layer3,layer4}) or a layer group
 *               ({@code all-conv}); its spelling is checked here, item by item, so each mistake
 *               gets its line and column; the names are checked against the model when it loads.
 */
@Internal
public record MethodConfig(String name, @Default("{}") Map<String, Object> params) implements Validatable {

    private static final String LAYER = "params.layer";

    @Override
    public void validate(Validation validation) {
        Object layer = params.get("layer");
        if (layer instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                if (!(item instanceof String || item instanceof Long)) {
                    validation.error(LAYER + "[" + i + "]", "expected a layer name, got " + Names.describe(item));
                    return;
                }
                items.add(item.toString());
            }
            for (LayerChoice.Problem problem : LayerChoice.problems(items)) {
                validation.error(problem.index() < 0 ? LAYER : LAYER + "[" + problem.index() + "]", problem.message());
            }
        } else if (layer instanceof String text && text.contains(",")) {
            // one scalar: every problem points at it
            for (LayerChoice.Problem problem : LayerChoice.problems(LayerChoice.split(text))) {
                validation.error(LAYER, problem.message());
            }
        }
    }
}
