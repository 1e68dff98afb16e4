package dev.loupe.cli.report;

import java.util.List;
import java.util.Optional;

/** The images that failed (a batch run goes on past a bad image) and why; absent when none did. */
final class FailuresSection implements ReportSection {

    @Override
    public String id() {
        return "failures";
    }

    @Override
    public String title() {
        return "Failures";
    }

    @Override
    public Optional<String> index(ReportContext context) {
        List<ReportImage> failed = context.run().images().stream().filter(ReportImage::failed).toList();
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder h = new StringBuilder("<p class=\"note\">").append(failed.size())
                .append(" image(s) failed; the others were explained. The reasons, as run.json lists them:</p>")
                .append("<table class=\"kv failures\"><thead><tr><th>image</th><th>reason</th></tr></thead><tbody>");
        for (ReportImage image : failed) {
            h.append("<tr><td><a href=\"").append(context.pageHref(image)).append("\">").append(Html.text(image.name()))
                    .append("</a></td><td>");
            for (String error : image.errors()) {
                h.append("<div class=\"error\">").append(Html.text(error)).append("</div>");
            }
            h.append("</td></tr>");
        }
        return Optional.of(h.append("</tbody></table>").toString());
    }

    @Override
    public Optional<String> image(ReportContext context, ReportImage image) {
        if (!image.failed()) {
            return Optional.empty();
        }
        StringBuilder h = new StringBuilder();
        for (String error : image.errors()) {
            h.append("<div class=\"error\">").append(Html.text(error)).append("</div>");
        }
        return Optional.of(h.toString());
    }
}
