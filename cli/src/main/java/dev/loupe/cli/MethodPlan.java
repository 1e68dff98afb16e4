package dev.loupe.cli;

import dev.loupe.core.explain.Explainer;
import dev.loupe.core.layer.LayerChoice;
import java.util.List;

/**
 * One method of a run, ready to explain: one explainer, or, for a layer list or group, one per
 * layer in the order the maps are combined or shown.
 *
 * @param kind {@link LayerChoice.Kind#SINGLE} also for methods that take no layer
 */
record MethodPlan(String name, LayerChoice.Kind kind, List<Unit> units) {

    MethodPlan {
        units = List.copyOf(units);
    }

    /** An explainer and the layer it runs at ({@code null} for a method without one). */
    record Unit(String layer, Explainer explainer) {
    }

    List<String> layers() {
        return units.stream().map(Unit::layer).toList();
    }
}
