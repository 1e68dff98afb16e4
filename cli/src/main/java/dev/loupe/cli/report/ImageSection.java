package dev.loupe.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * An image's page: the image as the model saw it with its top classes, then every method side
 * by side at full size, each with its target, score, layer, time, details and parameters.
 */
final class ImageSection implements ReportSection {

    @Override
    public String id() {
        return "maps";
    }

    @Override
    public String title() {
        return "Maps";
    }

    @Override
    public Optional<String> image(ReportContext context, ReportImage image) {
        StringBuilder h = new StringBuilder("<div class=\"cards\">");
        inputCard(h, context, image);
        for (String method : context.run().methods()) {
            methodCard(h, context, image, method);
        }
        return Optional.of(h.append("</div>").toString());
    }

    private static void inputCard(StringBuilder h, ReportContext context, ReportImage image) {
        h.append("<article class=\"card\" id=\"input\"><h3>input</h3>");
        Picture input = context.input(image);
        if (input != null) {
            h.append("<figure><a class=\"shot\" href=\"").append(context.href(input.file())).append("\">")
                    .append(Fragments.img(context, input, input.full(Fragments.FULL_MINIMUM), image.name(), false))
                    .append("</a><figcaption>as the model saw it, ").append(input.width()).append("×").append(input.height())
                    .append("</figcaption></figure>");
        } else {
            h.append(Fragments.missing("not readable"));
        }
        if (!image.predictions().isEmpty()) {
            h.append("<h4>Top ").append(image.predictions().size()).append(" classes</h4>")
                    .append(Fragments.topKTable(image.predictions()));
        } else if (image.predictionError() != null) {
            h.append("<div class=\"error\">").append(Html.text("no prediction: " + image.predictionError())).append("</div>");
        }
        h.append("</article>");
    }

    private static void methodCard(StringBuilder h, ReportContext context, ReportImage image, String method) {
        JsonNode declared = context.run().method(method);
        h.append("<article class=\"card\" id=\"m-").append(Html.text(method)).append("\"><h3>").append(Html.text(method));
        if (declared.hasNonNull("version")) {
            h.append(" <span class=\"sub\">").append(Html.text(declared.get("version").asText())).append("</span>");
        }
        h.append("</h3>");
        MethodView view = context.view(image, method);
        if (view == null) {
            h.append(Fragments.missing(image.failed() ? "no map: the image failed" : "no map")).append("</article>");
            return;
        }
        h.append("<div class=\"shots\">");
        for (MethodView.Shot shot : view.shots()) {
            h.append("<figure>");
            if (shot.picture() == null) {
                h.append(Fragments.missing("missing: " + shot.source()));
            } else {
                h.append("<a class=\"shot\" href=\"").append(context.href(shot.picture().file())).append("\">")
                        .append(Fragments.img(context, shot.picture(), shot.picture().full(Fragments.FULL_MINIMUM),
                                method + " " + shot.caption() + " for " + image.name(), false))
                        .append("</a>");
            }
            h.append("<figcaption>").append(Html.text(shot.caption())).append("</figcaption></figure>");
        }
        h.append("</div><table class=\"kv\">");
        JsonNode main = view.main();
        if (main != null) {
            String label = main.hasNonNull("label") ? " (" + main.get("label").asText() + ")" : "";
            h.append(Fragments.row("target", Html.text(main.path("target").asText() + label)));
            h.append(Fragments.row("score", "<code>" + Html.number(main.path("score").asDouble(), 4) + "</code> logit"));
        }
        if (!view.layers().isEmpty()) {
            h.append(Fragments.row(view.layers().size() == 1 ? "layer" : "layers",
                    "<code>" + Html.text(String.join(", ", view.layers())) + "</code>"));
        }
        if (main != null && main.path("map_shape").isArray()) {
            // the raw map stays in the output folder (not copied: the report shows pictures), named as text
            String npy = main.path("npy").asText();
            h.append(view.layers().size() > 1
                    ? Fragments.row("raw maps", "one per layer, <code>" + Html.text(npy.replaceAll("@[^/]*\\.npy$", "@<layer>.npy"))
                            + "</code>")
                    : Fragments.row("raw map", "<code>" + Html.text(Fragments.shape(main.get("map_shape"))) + "</code> in <code>"
                            + Html.text(npy) + "</code>"));
        }
        h.append(Fragments.row("time", Html.text(Html.seconds(view.seconds())) + " per image"));
        if (main != null && main.path("details").isObject()) {
            h.append(Fragments.row("details", JsonHtml.table(main.get("details"), Set.of())));
        }
        JsonNode parameters = declared.path("parameters");
        h.append(Fragments.row("parameters", parameters.isObject() && !parameters.isEmpty()
                ? JsonHtml.table(parameters, Set.of()) : "<span class=\"none\">none</span>"));
        h.append("</table></article>");
    }
}
