package dev.loupe.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The dark band on top of every page: what was run, on what, when; and the page's navigation. */
final class Header {

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final int HASH_SHOWN = 12;

    private Header() {
    }

    /** The run's name: its config file's stem, else the output folder's name. */
    static String runName(ReportContext context) {
        JsonNode config = context.run().json().path("config");
        Path named = config.isTextual() ? Path.of(config.asText()).getFileName()
                : context.outputDir().toAbsolutePath().normalize().getFileName();
        if (named == null) {
            return "run";
        }
        String name = named.toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") ? name.substring(0, name.lastIndexOf('.')) : name;
    }

    static String index(ReportContext context, List<Page.Part> parts) {
        ReportRun run = context.run();
        StringBuilder h = new StringBuilder("<header class=\"top\"><div class=\"brand\">Loupe report</div>");
        h.append("<h1>").append(Html.text(runName(context))).append("</h1><dl class=\"meta\">");
        model(h, run.json().path("model"));
        long failed = run.failedCount();
        meta(h, "images", Html.text(run.images().size() + " · " + failed + " failed"), failed > 0 ? "bad" : null);
        meta(h, "methods", Html.text(String.join(", ", run.methods())), null);
        meta(h, "target", Html.text(run.json().path("target").asText("top")), null);
        meta(h, "created", Html.text(created(run.json().path("created").asText())), null);
        if (run.json().path("total_seconds").isNumber()) {
            meta(h, "run time", Html.text(Html.seconds(run.json().get("total_seconds").asDouble())), null);
        }
        meta(h, "loupe", Html.text(run.json().path("loupe").asText()), null);
        h.append("</dl>");
        nav(h, parts, "");
        return h.append("</header>").toString();
    }

    static String image(ReportContext context, ReportImage image, List<Page.Part> parts) {
        ReportRun run = context.run();
        StringBuilder h = new StringBuilder("<header class=\"top\"><div class=\"brand\"><a href=\"")
                .append(context.indexHref()).append("\">Loupe report · ").append(Html.text(runName(context)))
                .append("</a></div>");
        h.append("<h1>").append(Html.text(image.name()));
        if (image.failed()) {
            h.append(" <span class=\"badge bad\">failed</span>");
        }
        h.append("</h1><dl class=\"meta\">");
        if (!image.predictions().isEmpty()) {
            ReportPrediction top = image.predictions().get(0);
            meta(h, "prediction", Html.text(top.name() + " · " + Html.percent(top.probability())), null);
        }
        meta(h, "image", Html.text((image.index() + 1) + " of " + run.images().size()), null);
        model(h, run.json().path("model"));
        h.append("<div class=\"file\"><dt>file</dt><dd><code>").append(Html.text(image.file())).append("</code></dd></div>");
        h.append("</dl>");
        StringBuilder pager = new StringBuilder("<a href=\"").append(context.indexHref()).append("\">all images</a>");
        if (image.index() > 0) {
            ReportImage previous = run.images().get(image.index() - 1);
            pager.insert(0, "<a href=\"" + context.pageHref(previous) + "\" rel=\"prev\">← " + Html.text(previous.name())
                    + "</a>");
        }
        if (image.index() + 1 < run.images().size()) {
            ReportImage next = run.images().get(image.index() + 1);
            pager.append("<a href=\"").append(context.pageHref(next)).append("\" rel=\"next\">")
                    .append(Html.text(next.name())).append(" →</a>");
        }
        nav(h, parts, pager.toString());
        return h.append("</header>").toString();
    }

    private static void model(StringBuilder h, JsonNode model) {
        if (model.isMissingNode()) {
            return;
        }
        String file = model.path("file").asText();
        Path name = file.isEmpty() ? null : Path.of(file).getFileName();
        h.append("<div><dt>model</dt><dd title=\"").append(Html.text(file)).append("\">")
                .append(Html.text(name == null ? file : name.toString())).append("</dd></div>");
        String sha = model.path("sha256").asText();
        if (!sha.isEmpty()) {
            h.append("<div><dt>sha-256</dt><dd><code title=\"").append(Html.text(sha)).append("\">")
                    .append(Html.text(sha.length() > HASH_SHOWN ? sha.substring(0, HASH_SHOWN) + "…" : sha))
                    .append("</code></dd></div>");
        }
        meta(h, "backend", Html.text(model.path("backend").asText() + " · " + model.path("device").asText()), null);
        if (model.path("classes").isNumber()) {
            meta(h, "classes", Html.text(model.get("classes").asText()), null);
        }
        if (model.path("input_shape").isArray()) {
            meta(h, "input", Html.text(Fragments.shape(model.get("input_shape"))), null);
        }
    }

    private static void meta(StringBuilder h, String key, String valueHtml, String cls) {
        h.append("<div").append(cls == null ? "" : " class=\"" + cls + "\"").append("><dt>").append(Html.text(key))
                .append("</dt><dd>").append(valueHtml).append("</dd></div>");
    }

    private static void nav(StringBuilder h, List<Page.Part> parts, String before) {
        h.append("<nav>").append(before.isEmpty() ? "" : "<span class=\"pager\">" + before + "</span>");
        for (Page.Part part : parts) {
            h.append("<a href=\"#").append(Html.text(part.id())).append("\">").append(Html.text(part.title())).append("</a>");
        }
        h.append("</nav>");
    }

    static String created(String iso) {
        try {
            return CREATED.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }
}
