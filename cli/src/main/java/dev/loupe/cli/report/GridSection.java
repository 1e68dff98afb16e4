package dev.loupe.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The index's grid: a row per image (the image as the model saw it, its top classes), a column
 * per method (the map over the image, captioned with the target class and its logit). Each
 * picture links to the image's page.
 */
final class GridSection implements ReportSection {

    @Override
    public String id() {
        return "images";
    }

    @Override
    public String title() {
        return "Images";
    }

    @Override
    public Optional<String> index(ReportContext context) {
        ReportRun run = context.run();
        int k = run.images().stream().mapToInt(i -> i.predictions().size()).max().orElse(0);
        StringBuilder h = new StringBuilder();
        h.append("<p class=\"note\">").append(run.images().size()).append(" image(s) × ").append(run.methods().size())
                .append(" method(s). Each map is drawn for the target class named under it (with its logit);"
                        + " a picture opens the image's page, with every method at full size and its parameters.</p>");
        h.append("<table class=\"grid\"><thead><tr><th scope=\"col\">Image</th><th scope=\"col\">")
                .append(k == 0 ? "Prediction" : "Top " + k + " classes").append("</th>");
        for (String method : run.methods()) {
            h.append("<th scope=\"col\"><span class=\"method\">").append(Html.text(method)).append("</span>");
            String layer = layerOf(run.method(method));
            if (layer != null) {
                h.append("<span class=\"sub\">").append(Html.text(layer)).append("</span>");
            }
            h.append("</th>");
        }
        h.append("</tr></thead><tbody>");
        for (ReportImage image : run.images()) {
            row(h, context, image);
        }
        return Optional.of(h.append("</tbody></table>").toString());
    }

    private static void row(StringBuilder h, ReportContext context, ReportImage image) {
        String page = context.pageHref(image);
        h.append("<tr").append(image.failed() ? " class=\"failed\"" : "").append(">");
        h.append("<th scope=\"row\" class=\"cell-image\">");
        Picture input = context.input(image);
        h.append("<a class=\"shot\" href=\"").append(page).append("\">")
                .append(input == null ? Fragments.missing("not readable")
                        : Fragments.img(context, input, input.inBox(Fragments.CELL), image.name(), true))
                .append("</a>");
        h.append("<div class=\"file\"><a href=\"").append(page).append("\">").append(Html.text(image.name())).append("</a></div>");
        // an image with nothing to show gives its reason the rest of the row; else the reason goes under its name
        boolean nothing = image.failed() && image.results().isEmpty() && image.predictions().isEmpty();
        if (image.failed()) {
            h.append("<span class=\"badge bad\">failed</span>");
            if (!nothing) {
                errors(h, image);
            }
        }
        h.append("</th>");
        if (nothing) {
            h.append("<td class=\"cell-failure\" colspan=\"").append(1 + context.run().methods().size()).append("\">");
            errors(h, image);
            h.append("</td></tr>");
            return;
        }
        h.append("<td class=\"cell-pred\">");
        if (!image.predictions().isEmpty()) {
            h.append(Fragments.topK(image.predictions()));
        } else {
            h.append("<span class=\"none\">").append(Html.text(image.predictionError() != null ? "no prediction" : "—"))
                    .append("</span>");
        }
        h.append("</td>");
        for (String method : context.run().methods()) {
            MethodView view = context.view(image, method);
            MethodView.Shot shot = view == null ? null : view.first();
            if (shot == null || shot.picture() == null) {
                h.append("<td class=\"cell-map\">").append(Fragments.missing(view == null ? "no map" : "picture missing"))
                        .append("</td>");
                continue;
            }
            h.append("<td class=\"cell-map\"><figure><a class=\"shot\" href=\"").append(page).append("#m-")
                    .append(Html.text(method)).append("\">")
                    .append(Fragments.img(context, shot.picture(), shot.picture().inBox(Fragments.CELL),
                            method + " for " + image.name(), true))
                    .append("</a>");
            if (view.main() != null) {
                h.append(caption(view.main()));
            }
            h.append("</figure></td>");
        }
        h.append("</tr>");
    }

    private static void errors(StringBuilder h, ReportImage image) {
        for (String error : image.errors()) {
            h.append("<div class=\"error\">").append(Html.text(error)).append("</div>");
        }
    }

    /** The target class and its logit: what the map explains. */
    static String caption(JsonNode result) {
        String label = result.hasNonNull("label") ? result.get("label").asText() : "class " + result.path("target").asText();
        return "<figcaption title=\"" + Html.text("target class " + result.path("target").asText() + ", logit "
                + result.path("score").asText()) + "\"><span class=\"target\">" + Html.text(label)
                + "</span> <span class=\"num\">" + Html.number(result.path("score").asDouble(), 2) + "</span></figcaption>";
    }

    /** {@code features.13}, {@code layer3, layer4} or {@code all-conv}: a layer method's layer as run.json records it. */
    static String layerOf(JsonNode method) {
        if (method.path("layer_group").hasNonNull("name")) {
            return method.get("layer_group").get("name").asText();
        }
        if (method.path("layers").isArray()) {
            StringBuilder s = new StringBuilder();
            for (JsonNode layer : method.get("layers")) {
                s.append(s.length() == 0 ? "" : ", ").append(layer.asText());
            }
            return s.toString();
        }
        return method.hasNonNull("layer") ? method.get("layer").asText() : null;
    }
}
