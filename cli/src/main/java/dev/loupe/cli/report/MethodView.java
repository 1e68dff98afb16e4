package dev.loupe.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One method's results for one image, as the report shows them: the pictures with their
 * captions (the first one is the index's cell) and the result that carries target and score.
 *
 * <ul>
 *   <li>one layer (or none): each picture kind ({@code overlay}, {@code heatmap}, ...);</li>
 *   <li>a layer list: the combination, then each layer's overlay;</li>
 *   <li>a layer group: the grid figure.</li>
 * </ul>
 *
 * @param main    the first per-layer result: {@code target}, {@code label}, {@code score}, {@code layer}
 * @param layers  the layers of the results, in order (empty for methods without a layer)
 * @param seconds the time taken per image, all layers together
 */
record MethodView(String method, List<Shot> shots, JsonNode main, List<String> layers, double seconds) {

    /** A picture with its caption; {@code picture} is {@code null} when the run's file is missing. */
    record Shot(String caption, Picture picture, String source) {
    }

    /** Copies the pictures of {@code image}'s results for {@code method} into the report; {@code null} when there are none. */
    static MethodView of(ReportImage image, String method, Path outputDir, ReportLayout layout) throws IOException {
        List<JsonNode> results = image.results(method);
        if (results.isEmpty()) {
            return null;
        }
        List<Shot> shots = new ArrayList<>();
        List<JsonNode> perLayer = new ArrayList<>();
        JsonNode grid = null;
        JsonNode combined = null;
        for (JsonNode r : results) {
            if (r.hasNonNull("grid")) {
                grid = r;
            } else if (r.has("combined_from")) {
                combined = r;
            } else {
                perLayer.add(r);
            }
        }
        if (grid != null) {
            shots.add(shot("layer grid", grid.get("grid").asText(), image, outputDir, layout));
        } else if (combined != null) {
            shots.add(shot("combined", combined.path("png").asText(), image, outputDir, layout));
            for (JsonNode r : perLayer) {
                if (r.hasNonNull("png")) {
                    shots.add(shot(r.path("layer").asText(), r.get("png").asText(), image, outputDir, layout));
                }
            }
        } else if (!perLayer.isEmpty()) {
            JsonNode r = perLayer.get(0);
            if (r.path("pictures").isObject() && r.path("pictures").size() > 0) {
                var kinds = r.path("pictures").fields();
                while (kinds.hasNext()) {
                    var kind = kinds.next();
                    shots.add(shot(kind.getKey(), kind.getValue().asText(), image, outputDir, layout));
                }
            } else if (r.hasNonNull("png")) {
                shots.add(shot("overlay", r.get("png").asText(), image, outputDir, layout));
            }
        }
        List<String> layers = perLayer.stream().filter(r -> r.hasNonNull("layer")).map(r -> r.get("layer").asText()).toList();
        double seconds = perLayer.stream().mapToDouble(r -> r.path("seconds").asDouble()).sum();
        return new MethodView(method, shots, perLayer.isEmpty() ? null : perLayer.get(0), layers, seconds);
    }

    private static Shot shot(String caption, String relative, ReportImage image, Path outputDir, ReportLayout layout)
            throws IOException {
        Path source = outputDir.resolve(relative);
        return new Shot(caption, Pictures.copy(source, layout.map(image, source)), relative);
    }

    /** The index's picture: the first shot. */
    Shot first() {
        return shots.isEmpty() ? null : shots.get(0);
    }
}
