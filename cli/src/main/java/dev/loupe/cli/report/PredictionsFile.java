package dev.loupe.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.render.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code report/predictions.json}: the images in the run's order with their top classes, kept
 * beside the pages so that the report can be rebuilt from files alone ({@link HtmlReport#rebuild}).
 *
 * <pre>{@code
 * {"images": [{"file": ".../circle_1.png",
 *              "predictions": [{"rank": 1, "class": 0, "label": "circle", "probability": 0.9986, "logit": 6.2185}, ...]},
 *             {"file": ".../broken.png", "predictions": [], "error": "..."}]}
 * }</pre>
 */
final class PredictionsFile {

    static final String NAME = "predictions.json";

    private PredictionsFile() {
    }

    static void write(Path file, List<ImagePredictions> images) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("images");
        for (ImagePredictions image : images) {
            ObjectNode node = list.addObject();
            node.put("file", image.file());
            ArrayNode top = node.putArray("predictions");
            for (ReportPrediction p : image.top()) {
                ObjectNode entry = top.addObject();
                entry.put("rank", p.rank());
                entry.put("class", p.classIndex());
                if (p.label() != null) {
                    entry.put("label", p.label());
                }
                entry.put("probability", p.probability());
                entry.put("logit", p.logit());
            }
            if (image.error() != null) {
                node.put("error", image.error());
            }
        }
        AtomicFiles.writeString(file, mapper.writeValueAsString(root) + "\n");
    }

    /** The file's images; none when it does not exist (a report written by something else than explain). */
    static List<ImagePredictions> read(Path file) throws IOException {
        List<ImagePredictions> images = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return images;
        }
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        for (JsonNode node : root.path("images")) {
            List<ReportPrediction> top = new ArrayList<>();
            for (JsonNode p : node.path("predictions")) {
                top.add(new ReportPrediction(p.path("rank").asInt(), p.path("class").asInt(),
                        p.hasNonNull("label") ? p.get("label").asText() : null,
                        p.path("probability").asDouble(), p.path("logit").asDouble()));
            }
            images.add(new ImagePredictions(node.path("file").asText(), top,
                    node.hasNonNull("error") ? node.get("error").asText() : null));
        }
        return images;
    }
}
