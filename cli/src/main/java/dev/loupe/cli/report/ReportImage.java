package dev.loupe.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.core.stability.Internal;
import java.nio.file.Path;
import java.util.List;

/**
 * One input image of the run: a row of the index and a page of its own.
 *
 * @param index           0-based, in the run's order
 * @param file            the image file as {@code run.json} gives it
 * @param folder          its output folder under the run's output folder, or {@code null} when
 *                        it has no result (it failed)
 * @param page            its page's folder name under {@code report/images/}: the output folder's
 *                        name when that is usable, unique in any case
 * @param results         its entries of {@code run.json}'s {@code images[].results}, in order
 * @param errors          why it failed ({@code run.json}'s {@code failures}); empty when it did not
 * @param predictions     its most probable classes, best first; empty when unknown
 * @param predictionError why it has no predictions, or {@code null}
 */
@Internal
public record ReportImage(int index, String file, String folder, String page, List<JsonNode> results,
        List<String> errors, List<ReportPrediction> predictions, String predictionError) {

    public ReportImage {
        results = List.copyOf(results);
        errors = List.copyOf(errors);
        predictions = List.copyOf(predictions);
    }

    /** The file's name without its folder: {@code circle_1.png}. */
    public String name() {
        Path name = Path.of(file).getFileName();
        return name == null ? file : name.toString();
    }

    public boolean failed() {
        return !errors.isEmpty();
    }

    /** Its results for one method: one entry, or one per layer plus the combination or the grid. */
    public List<JsonNode> results(String method) {
        return results.stream().filter(r -> method.equals(r.path("method").asText())).toList();
    }
}
