package dev.loupe.cli;

import dev.loupe.render.heatmap.MapPipeline;
import dev.loupe.render.io.PictureFormat;
import dev.loupe.render.kind.OutputKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a run's single-layer maps are turned into pictures: the map pipeline, which kinds are
 * written, the share of pixels the {@code masked} kind keeps, the pictures' file format, and
 * whether a comparison figure ({@link GridFigures}) is drawn.
 */
record Rendering(MapPipeline pipeline, List<OutputKind> kinds, double maskTopPercent, PictureFormat format,
        boolean grid) {

    Rendering {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(format, "format");
        kinds = List.copyOf(kinds);
    }

    /** Loupe's display before these options existed: the default pipeline, the overlay only, PNG, no grid. */
    static Rendering defaults() {
        return new Rendering(MapPipeline.defaults(), List.of(OutputKind.OVERLAY), 10, PictureFormat.png(), false);
    }

    /**
     * {@code <method>.png} for the overlay (as before kinds existed), {@code <method>.<kind>.png}
     * otherwise; {@code .jpg} with {@code format: jpeg}.
     */
    String fileName(String method, OutputKind kind) {
        return format.fileName(kind == OutputKind.OVERLAY ? method : method + "." + kind.id());
    }

    /** For run.json. */
    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>(pipeline.describe());
        d.put("kinds", kinds.stream().map(OutputKind::id).toList());
        d.put("mask_top_percent", maskTopPercent);
        d.putAll(format.describe());
        d.put("grid", grid);
        return d;
    }
}
