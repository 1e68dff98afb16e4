package dev.loupe.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.loupe.core.stability.Internal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A finished run as the report sees it: {@code run.json} (kept whole, for the provenance), the
 * methods in run order, and one {@link ReportImage} per input image, failed ones included.
 */
@Internal
public final class ReportRun {

    private final JsonNode json;
    private final List<String> methods;
    private final Map<String, JsonNode> methodJson;
    private final List<ReportImage> images;

    private ReportRun(JsonNode json, List<String> methods, Map<String, JsonNode> methodJson, List<ReportImage> images) {
        this.json = json;
        this.methods = List.copyOf(methods);
        this.methodJson = methodJson;
        this.images = List.copyOf(images);
    }

    /** {@code run.json} of the output folder, with the images' predictions (may be empty). */
    static ReportRun read(Path outputDir, List<ImagePredictions> predictions) throws IOException {
        Path file = outputDir.resolve("run.json");
        if (!Files.isRegularFile(file)) {
            throw new IOException("no run.json in " + outputDir + "; the report is made from a finished 'loupe explain' run");
        }
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        Map<String, JsonNode> methodJson = new LinkedHashMap<>();
        for (JsonNode m : json.path("methods")) {
            methodJson.put(m.path("name").asText(), m);
        }
        Set<String> methods = new LinkedHashSet<>(methodJson.keySet());

        // every image once, in the run's order: the listed images first (predictions.json), then any others
        Map<String, Row> rows = new LinkedHashMap<>();
        for (ImagePredictions p : predictions) {
            Row row = rows.computeIfAbsent(p.file(), Row::new);
            row.predictions = p.top();
            row.predictionError = p.error();
        }
        for (JsonNode image : json.path("images")) {
            Row row = rows.computeIfAbsent(image.path("file").asText(), Row::new);
            row.folder = image.hasNonNull("folder") ? image.get("folder").asText() : null;
            image.path("results").forEach(r -> {
                row.results.add(r);
                methods.add(r.path("method").asText());
            });
        }
        for (JsonNode failure : json.path("failures")) {
            Row row = rows.computeIfAbsent(failure.path("file").asText(), Row::new);
            String error = failure.path("error").asText("(no message)");
            if (!row.errors.contains(error)) {
                row.errors.add(error);
            }
        }
        List<ReportImage> images = new ArrayList<>();
        Set<String> pages = new HashSet<>();
        for (Row row : rows.values()) {
            String page = pageName(row, images.size(), pages);
            images.add(new ReportImage(images.size(), row.file, row.folder, page, row.results, row.errors,
                    row.predictions, row.predictionError));
        }
        return new ReportRun(json, new ArrayList<>(methods), methodJson, images);
    }

    /** The output folder's name when it is one plain path segment, else the file's stem; unique, ignoring case. */
    private static String pageName(Row row, int index, Set<String> taken) {
        String base = row.folder;
        if (!usable(base)) {
            String name = Path.of(row.file).getFileName() == null ? "" : Path.of(row.file).getFileName().toString();
            int dot = name.lastIndexOf('.');
            base = dot > 0 ? name.substring(0, dot) : name;
        }
        if (!usable(base)) {
            base = "image-" + (index + 1);
        }
        String candidate = base;
        for (int i = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); i++) {
            candidate = base + "-" + i;
        }
        return candidate;
    }

    private static boolean usable(String segment) {
        return segment != null && !segment.isBlank() && !segment.equals(".") && !segment.equals("..")
                && segment.indexOf('/') < 0 && segment.indexOf('\\') < 0 && segment.indexOf('\0') < 0;
    }

    /** {@code run.json} as written. */
    public JsonNode json() {
        return json;
    }

    /** The methods in run order. */
    public List<String> methods() {
        return methods;
    }

    /** A method's entry of {@code run.json}'s {@code methods} (name, version, jar, parameters, layer); missing node if none. */
    public JsonNode method(String name) {
        return methodJson.getOrDefault(name, MissingNode.getInstance());
    }

    public List<ReportImage> images() {
        return images;
    }

    public long failedCount() {
        return images.stream().filter(ReportImage::failed).count();
    }

    /** Every output folder name the run used: the report's own folder must not be one of them. */
    Set<String> folders() {
        Set<String> folders = new HashSet<>();
        for (ReportImage image : images) {
            if (image.folder() != null) {
                folders.add(image.folder());
            }
            folders.add(image.page());
        }
        return folders;
    }

    private static final class Row {
        final String file;
        String folder;
        final List<JsonNode> results = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        List<ReportPrediction> predictions = List.of();
        String predictionError;

        Row(String file) {
            this.file = file;
        }
    }
}
