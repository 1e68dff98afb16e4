package dev.loupe.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * Where the maps come from, as {@code run.json} records it: Loupe's version, the model file and
 * its SHA-256, backend and device, preprocessing, rendering, every method with its version, jar,
 * layer and parameters, seeds, timings, and anything else the file holds.
 */
final class ProvenanceSection implements ReportSection {

    /** Shown elsewhere: the images and failures by the grid, the methods in their own table. */
    private static final Set<String> ELSEWHERE = Set.of("images", "failures", "methods");

    @Override
    public String id() {
        return "provenance";
    }

    @Override
    public String title() {
        return "Provenance";
    }

    @Override
    public Optional<String> index(ReportContext context) {
        return Optional.of(render(context));
    }

    @Override
    public Optional<String> image(ReportContext context, ReportImage image) {
        return Optional.of(render(context));
    }

    private static String render(ReportContext context) {
        JsonNode json = context.run().json();
        StringBuilder h = new StringBuilder("<p class=\"note\">From <a href=\"")
                .append(context.href(context.reportDir().resolve("run.json"))).append("\">run.json</a>.</p>");
        h.append("<div class=\"cards\"><div class=\"card wide\"><h3>Run</h3>").append(JsonHtml.table(json, ELSEWHERE))
                .append("</div>");
        h.append("<div class=\"card wide\"><h3>Methods</h3><table class=\"kv methods\"><thead><tr><th>method</th>"
                + "<th>version</th><th>jar</th><th>layer</th><th>parameters</th></tr></thead><tbody>");
        for (JsonNode m : json.path("methods")) {
            String layer = GridSection.layerOf(m);
            h.append("<tr><td><b>").append(Html.text(m.path("name").asText())).append("</b></td><td>")
                    .append(Html.text(m.path("version").asText())).append("</td><td><code>")
                    .append(Html.text(m.path("jar").asText())).append("</code></td><td>")
                    .append(layer == null ? "<span class=\"none\">—</span>" : "<code>" + Html.text(layer) + "</code>")
                    .append("</td><td>").append(JsonHtml.value(m.path("parameters"))).append("</td></tr>");
        }
        return h.append("</tbody></table></div></div>").toString();
    }
}
