package dev.loupe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.model.ModelDescription;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Where {@code loupe predict} writes its results: a table as it goes, or one JSON document at the end. */
abstract sealed class PredictionReport permits PredictionReport.Table, PredictionReport.Json {

    final PrintWriter out;
    final Labels labels;

    private PredictionReport(PrintWriter out, Labels labels) {
        this.out = out;
        this.labels = labels;
    }

    static PredictionReport table(PrintWriter out, Labels labels, List<Path> images) {
        return new Table(out, labels, images);
    }

    static PredictionReport json(PrintWriter out, ModelDescription model, Labels labels) {
        return new Json(out, model, labels);
    }

    abstract void image(Path image, Prediction prediction);

    /** Only the JSON records failures: the table's reader sees them on stderr. */
    void failure(Path image, String message) {
    }

    void finish() {
        out.flush();
    }

    /** Fixed-width columns, one row per class; the image name on every row, so a row can be grepped. */
    static final class Table extends PredictionReport {

        private final String rowFormat;

        private Table(PrintWriter out, Labels labels, List<Path> images) {
            super(out, labels);
            int name = Math.max(5, images.stream().mapToInt(p -> p.getFileName().toString().length()).max().orElse(5));
            int label = Math.min(40, Math.max(5, labels.names().stream().mapToInt(String::length).max().orElse(5)));
            String labelColumn = labels.isEmpty() ? "" : "  %-" + label + "s";
            rowFormat = "%-" + name + "s  %4s  %5s" + labelColumn + "  %11s  %10s%n";
            Object[] header = labels.isEmpty()
                    ? new Object[] {"IMAGE", "RANK", "CLASS", "PROBABILITY", "LOGIT"}
                    : new Object[] {"IMAGE", "RANK", "CLASS", "LABEL", "PROBABILITY", "LOGIT"};
            out.printf(rowFormat, header);
        }

        @Override
        void image(Path image, Prediction prediction) {
            for (Prediction.Ranked r : prediction.top()) {
                String p = String.format("%.6f", r.probability());
                String logit = String.format("%.4f", r.logit());
                Object[] row = labels.isEmpty()
                        ? new Object[] {image.getFileName(), r.rank(), r.classIndex(), p, logit}
                        : new Object[] {image.getFileName(), r.rank(), r.classIndex(),
                            labels.name(r.classIndex()).orElse("-"), p, logit};
                out.printf(rowFormat, row);
            }
            out.flush();
        }
    }

    /** {"model": ..., "images": [{"image", "predictions": [{rank, class, label, probability, logit}]}], "failures"}. */
    static final class Json extends PredictionReport {

        private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        private final ObjectNode root = mapper.createObjectNode();
        private final ArrayNode images;
        private final ArrayNode failures;

        private Json(PrintWriter out, ModelDescription model, Labels labels) {
            super(out, labels);
            root.put("model", model.source());
            root.put("backend", model.backend());
            root.put("device", model.device());
            root.put("classes", model.classCount());
            images = root.putArray("images");
            failures = root.putArray("failures");
        }

        @Override
        void image(Path image, Prediction prediction) {
            ObjectNode node = images.addObject();
            node.put("image", image.toString());
            ArrayNode top = node.putArray("predictions");
            for (Prediction.Ranked r : prediction.top()) {
                ObjectNode entry = top.addObject();
                entry.put("rank", r.rank());
                entry.put("class", r.classIndex());
                labels.name(r.classIndex()).ifPresent(name -> entry.put("label", name));
                entry.put("probability", r.probability());
                entry.put("logit", r.logit());
            }
        }

        @Override
        void failure(Path image, String message) {
            failures.addObject().put("image", image.toString()).put("error", message);
        }

        @Override
        void finish() {
            try {
                out.println(mapper.writeValueAsString(root));
            } catch (JsonProcessingException e) {
                throw new LoupeException(ErrorKind.INTERNAL, "Could not write the JSON output: " + e.getMessage(), e);
            }
            out.flush();
        }
    }
}
