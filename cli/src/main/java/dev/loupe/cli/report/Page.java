package dev.loupe.cli.report;

import java.util.List;

/** A whole HTML page: head with the inline style sheet, the header, the sections, the footer. */
final class Page {

    /** A section as it appears on a page. */
    record Part(String id, String title, String html) {
    }

    private Page() {
    }

    static String render(String title, String header, List<Part> parts, String footer) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // defence in depth: even a mistake in escaping could not run a script or fetch anything
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' data:;"
                        + " style-src 'unsafe-inline'\">\n")
                .append(ReportLayout.GENERATOR).append('\n')
                .append("<title>").append(Html.text(title)).append("</title>\n<style>").append(Style.CSS)
                .append("</style>\n</head>\n<body>\n").append(header).append("\n<main>\n");
        for (Part part : parts) {
            h.append("<section id=\"").append(Html.text(part.id())).append("\">\n<h2>").append(Html.text(part.title()))
                    .append("</h2>\n").append(part.html()).append("\n</section>\n");
        }
        return h.append("</main>\n<footer>").append(footer).append("</footer>\n</body>\n</html>\n").toString();
    }
}
