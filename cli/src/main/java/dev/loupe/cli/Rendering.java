package dev.loupe.cli;

import dev.loupe.render.heatmap.MapPipeline;
import dev.loupe.render.kind.OutputKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a run's single-layer maps are turned into pictures: the map pipeline, which kinds are
 * written, and the share of pixels the {@code masked} kind keeps.
 */
record Rendering(MapPipeline pipeline, List<OutputKind> kinds, double maskTopPercent) {

    Rendering {
        Objects.requireNonNull(pipeline, "pipeline");
        kinds = List.copyOf(kinds);
    }

    /** Loupe's display before these options existed: the default pipeline, the overlay only. */
    static Rendering defaults() {
        return new Rendering(MapPipeline.defaults(), List.of(OutputKind.OVERLAY), 10);
    }

    /** {@code <method>.png} for the overlay (as before kinds existed), {@code <method>.<kind>.png} otherwise. */
    static String fileName(String method, OutputKind kind) {
        return kind == OutputKind.OVERLAY ? method + ".png" : method + "." + kind.id() + ".png";
    }

    /** For run.json. */
    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>(pipeline.describe());
        d.put("kinds", kinds.stream().map(OutputKind::id).toList());
        d.put("mask_top_percent", maskTopPercent);
        return d;
    }
}
