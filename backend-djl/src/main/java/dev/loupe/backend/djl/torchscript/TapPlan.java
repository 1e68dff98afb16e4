package dev.loupe.backend.djl.torchscript;

import java.util.List;
import java.util.Map;

/**
 * A computed rewrite: the code files to replace or add (by module qualifier) and, for each tap leaf
 * the entry method returns after the model output, the module path it belongs to.
 */
record TapPlan(Map<String, String> changedSources, List<String> leafPaths) {

    TapPlan {
        changedSources = Map.copyOf(changedSources);
        leafPaths = List.copyOf(leafPaths);
    }
}
