package dev.loupe.cli.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loupe.core.evaluate.Curve;
import dev.loupe.core.stability.Internal;
import dev.loupe.render.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an evaluation's results, each file atomically:
 * <ul>
 * <li>{@code evaluation.csv}: one row per method x metric: mean, 95 % bootstrap interval, n, direction;
 * <li>{@code evaluation.json}: the same table plus the run's settings, the best method per metric,
 *     the mean curves, per-image values and failures; its shape ({@code "format":
 *     "loupe-evaluation/1"}) is what an HTML report section reads;
 * <li>{@code per-image.csv}: every image's value (empty when the metric did not apply, with the reason);
 * <li>{@code curves/<name>.csv} (method, image, step, x, y) and {@code curves/<name>.png} (the
 *     mean curve of each method) for each kind of curve.
 * </ul>
 */
@Internal
public final class EvaluationFiles {

    public static final String FORMAT = "loupe-evaluation/1";

    private EvaluationFiles() {
    }

    /**
     * @param run the run's settings for the JSON header (model, images, seed, methods, metrics, ...)
     * @param failures one map per failure: image, method (or null), message
     */
    public static void write(Path dir, EvaluationTable table, Map<String, Object> run, List<Map<String, Object>> failures,
            long seed) throws IOException {
        List<Map<String, Object>> summary = new ArrayList<>();
        StringBuilder csv = new StringBuilder("method,metric,direction,n,mean,ci_low,ci_high,not_applicable,skipped\n");
        for (EvaluationTable.Cell cell : table.cells()) {
            double[] values = cell.values();
            Bootstrap ci = Bootstrap.of(values, seed);
            int notApplicable = cell.entries().size() - values.length;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("method", cell.method());
            row.put("metric", cell.metric());
            row.put("direction", direction(cell));
            row.put("n", values.length);
            row.put("mean", finite(cell.mean()));
            row.put("ci_low", finite(ci.low()));
            row.put("ci_high", finite(ci.high()));
            row.put("not_applicable", notApplicable);
            row.put("skipped", cell.skipped());
            summary.add(row);
            csv.append(String.join(",", cell.method(), cell.metric(), direction(cell), Integer.toString(values.length),
                    number(cell.mean()), number(ci.low()), number(ci.high()), Integer.toString(notApplicable),
                    quoted(cell.skipped()))).append('\n');
        }
        List<Map<String, Object>> curves = writeCurves(dir.resolve("curves"), table);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.putAll(run);
        json.put("interval", "95 % percentile bootstrap of the mean over images, " + Bootstrap.RESAMPLES
                + " resamples, seeded with the run's seed");
        json.put("summary", summary);
        json.put("best", table.best());
        json.put("curves", curves);
        json.put("per_image", perImage(table));
        json.put("failures", failures);
        AtomicFiles.writeString(dir.resolve("evaluation.csv"), csv.toString());
        AtomicFiles.writeString(dir.resolve("per-image.csv"), perImageCsv(table));
        AtomicFiles.writeString(dir.resolve("evaluation.json"), toJson(json) + "\n");
    }

    private static List<Map<String, Object>> writeCurves(Path dir, EvaluationTable table) throws IOException {
        // metric -> curve name -> the cells that have it, in table order
        Map<String, Map<String, List<EvaluationTable.Cell>>> byCurve = new LinkedHashMap<>();
        for (EvaluationTable.Cell cell : table.cells()) {
            for (String name : cell.curveNames()) {
                byCurve.computeIfAbsent(cell.metric(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(name, k -> new ArrayList<>()).add(cell);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (var metric : byCurve.entrySet()) {
            for (var named : metric.getValue().entrySet()) {
                String name = named.getKey();
                String stem = name.startsWith(metric.getKey()) ? name : metric.getKey() + "-" + name;
                StringBuilder csv = new StringBuilder("method,image,step,x,y\n");
                List<CurvePlot.Line> lines = new ArrayList<>();
                Map<String, Object> means = new LinkedHashMap<>();
                Curve first = null;
                for (EvaluationTable.Cell cell : named.getValue()) {
                    for (EvaluationTable.Entry e : cell.entries()) {
                        for (Curve c : e.score().curves()) {
                            if (!c.name().equals(name)) {
                                continue;
                            }
                            first = first == null ? c : first;
                            for (int k = 0; k < c.x().length; k++) {
                                csv.append(cell.method()).append(',').append(quoted(e.image())).append(',').append(k)
                                        .append(',').append(number(c.x()[k])).append(',').append(number(c.y()[k])).append('\n');
                            }
                        }
                    }
                    MeanCurve mean = MeanCurve.of(cell.curves(name));
                    lines.add(new CurvePlot.Line(cell.method(), mean.x(), mean.y()));
                    means.put(cell.method(), Map.of("x", mean.x(), "y", mean.y()));
                }
                AtomicFiles.writeString(dir.resolve(stem + ".csv"), csv.toString());
                AtomicFiles.writePng(dir.resolve(stem + ".png"), CurvePlot.draw(name + " (mean over images)",
                        first.xLabel(), first.yLabel(), lines));
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("metric", metric.getKey());
                entry.put("curve", name);
                entry.put("x_label", first.xLabel());
                entry.put("y_label", first.yLabel());
                entry.put("csv", "curves/" + stem + ".csv");
                entry.put("png", "curves/" + stem + ".png");
                entry.put("mean", means);
                out.add(entry);
            }
        }
        return out;
    }

    private static List<Map<String, Object>> perImage(EvaluationTable table) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EvaluationTable.Cell cell : table.cells()) {
            for (EvaluationTable.Entry e : cell.entries()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("image", e.image());
                row.put("method", cell.method());
                row.put("metric", cell.metric());
                row.put("value", finite(e.score().value()));
                Map<String, Object> details = new LinkedHashMap<>();
                e.score().details().forEach((k, v) -> details.put(k, finite(v)));
                row.put("details", details);
                row.put("note", e.score().note());
                rows.add(row);
            }
        }
        return rows;
    }

    private static String perImageCsv(EvaluationTable table) {
        StringBuilder csv = new StringBuilder("image,method,metric,value,note\n");
        for (EvaluationTable.Cell cell : table.cells()) {
            for (EvaluationTable.Entry e : cell.entries()) {
                csv.append(quoted(e.image())).append(',').append(cell.method()).append(',').append(cell.metric())
                        .append(',').append(number(e.score().value())).append(',').append(quoted(e.score().note()))
                        .append('\n');
            }
        }
        return csv.toString();
    }

    static String direction(EvaluationTable.Cell cell) {
        return cell.direction() == dev.loupe.core.evaluate.MetricDirection.HIGHER_IS_BETTER ? "higher" : "lower";
    }

    /** NaN and infinities are not JSON: they become null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    private static String quoted(String text) {
        if (text == null) {
            return "";
        }
        boolean plain = text.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return plain ? text : "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static String toJson(Object value) throws JsonProcessingException {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
    }
}
