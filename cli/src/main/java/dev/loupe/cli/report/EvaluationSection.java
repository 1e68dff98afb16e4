package dev.loupe.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code loupe evaluate}'s results, when {@code OUT/evaluation.json} is there: on the index, the
 * method x metric table (mean and 95 % interval, the best method per metric in bold, the
 * direction in the header) and the mean curves; on each image's page, that image's values.
 */
final class EvaluationSection implements ReportSection {

    static final String FILE = "evaluation.json";
    private static final String FORMAT = "loupe-evaluation/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The file is read once per report build, not once per image page. */
    private Path readFrom;
    private JsonNode read;

    @Override
    public String id() {
        return "evaluation";
    }

    @Override
    public String title() {
        return "Evaluation";
    }

    @Override
    public Optional<String> index(ReportContext context) throws IOException {
        JsonNode evaluation = read(context.outputDir());
        if (evaluation == null) {
            return Optional.empty();
        }
        List<String> methods = new ArrayList<>();
        Map<String, String> directions = new LinkedHashMap<>();
        Map<String, JsonNode> cells = new LinkedHashMap<>();
        for (JsonNode row : evaluation.path("summary")) {
            String method = row.path("method").asText();
            String metric = row.path("metric").asText();
            if (!methods.contains(method)) {
                methods.add(method);
            }
            directions.putIfAbsent(metric, row.path("direction").asText());
            cells.put(method + "\u0000" + metric, row);
        }
        StringBuilder h = new StringBuilder("<p class=\"note\">").append(Html.text(evaluation.path("interval").asText()))
                .append(". Bold: the best mean per metric. From <code>").append(FILE).append("</code>.</p>")
                .append("<table class=\"kv evaluation\"><thead><tr><th>method</th>");
        for (Map.Entry<String, String> metric : directions.entrySet()) {
            h.append("<th>").append(Html.text(metric.getKey())).append(' ')
                    .append("higher".equals(metric.getValue()) ? "&uarr;" : "&darr;").append("</th>");
        }
        h.append("</tr></thead><tbody>");
        JsonNode best = evaluation.path("best");
        for (String method : methods) {
            h.append("<tr><th>").append(Html.text(method)).append("</th>");
            for (String metric : directions.keySet()) {
                JsonNode cell = cells.get(method + "\u0000" + metric);
                h.append("<td class=\"num\">").append(cell == null ? "" : summary(cell, method.equals(best.path(metric).asText())))
                        .append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table>");
        h.append(curves(context, evaluation));
        int failures = evaluation.path("failures").size();
        if (failures > 0) {
            h.append("<p class=\"error\">").append(failures).append(" image(s) or metric(s) failed; see ")
                    .append(FILE).append(".</p>");
        }
        return Optional.of(h.toString());
    }

    @Override
    public Optional<String> image(ReportContext context, ReportImage image) throws IOException {
        JsonNode evaluation = read(context.outputDir());
        if (evaluation == null) {
            return Optional.empty();
        }
        Map<String, Map<String, JsonNode>> byMethod = new LinkedHashMap<>();
        Set<String> metrics = new LinkedHashSet<>();
        for (JsonNode row : evaluation.path("per_image")) {
            if (row.path("image").asText().equals(image.name())) {
                String metric = row.path("metric").asText();
                metrics.add(metric);
                byMethod.computeIfAbsent(row.path("method").asText(), k -> new LinkedHashMap<>()).put(metric, row);
            }
        }
        if (byMethod.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder h = new StringBuilder("<table class=\"kv evaluation\"><thead><tr><th>method</th>");
        for (String metric : metrics) {
            h.append("<th>").append(Html.text(metric)).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        for (Map.Entry<String, Map<String, JsonNode>> method : byMethod.entrySet()) {
            h.append("<tr><th>").append(Html.text(method.getKey())).append("</th>");
            for (String metric : metrics) {
                JsonNode row = method.getValue().get(metric);
                h.append("<td class=\"num\">");
                if (row != null && row.path("value").isNumber()) {
                    h.append(number(row.path("value").asDouble()));
                } else if (row != null) {
                    h.append("<span class=\"none\" title=\"").append(Html.text(row.path("note").asText(""))).append("\">n/a</span>");
                }
                h.append("</td>");
            }
            h.append("</tr>");
        }
        return Optional.of(h.append("</tbody></table>").toString());
    }

    /** The mean curve plots, copied into the report. */
    private static String curves(ReportContext context, JsonNode evaluation) throws IOException {
        StringBuilder h = new StringBuilder();
        Set<String> shown = new LinkedHashSet<>();
        for (JsonNode curve : evaluation.path("curves")) {
            String png = curve.path("png").asText("");
            Path source = context.outputDir().resolve(png).normalize();
            if (png.isEmpty() || !source.startsWith(context.outputDir().normalize()) || !Files.isRegularFile(source)
                    || !shown.add(png)) {
                continue;
            }
            Path copy = context.include(source, "evaluation/" + source.getFileName());
            h.append("<figure class=\"card\"><img src=\"").append(context.href(copy)).append("\" alt=\"")
                    .append(Html.text(curve.path("curve").asText())).append(" curves\"><figcaption>")
                    .append(Html.text(caption(curve.path("metric").asText(), curve.path("curve").asText())))
                    .append("</figcaption></figure>");
        }
        return h.length() == 0 ? "" : "<div class=\"cards\">" + h + "</div>";
    }

    /** "road: morf", but "deletion" alone where the curve is named after its metric. */
    private static String caption(String metric, String curve) {
        return metric.equals(curve) ? metric : metric + ": " + curve;
    }

    private static String summary(JsonNode cell, boolean best) {
        if (!cell.path("mean").isNumber()) {
            return "<span class=\"none\">" + (cell.path("skipped").asBoolean() ? "skipped" : "n/a") + "</span>";
        }
        String text = number(cell.path("mean").asDouble()) + " [" + number(cell.path("ci_low").asDouble()) + ", "
                + number(cell.path("ci_high").asDouble()) + "]";
        return best ? "<b>" + text + "</b>" : text;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** The evaluation of this output folder, or null when there is none (or it is another format). */
    private JsonNode read(Path outputDir) throws IOException {
        if (!outputDir.equals(readFrom)) {
            Path file = outputDir.resolve(FILE);
            JsonNode evaluation = Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : null;
            read = evaluation != null && FORMAT.equals(evaluation.path("format").asText()) ? evaluation : null;
            readFrom = outputDir;
        }
        return read;
    }
}
