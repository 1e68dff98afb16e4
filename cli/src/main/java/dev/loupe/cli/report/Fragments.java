package dev.loupe.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Small HTML pieces the sections share: pictures, the top-k list, key-value rows. */
final class Fragments {

    /** Grid cells are this many CSS pixels square. */
    static final int CELL = 160;
    /** On an image's page, pictures smaller than this are magnified by a whole factor. */
    static final int FULL_MINIMUM = 240;

    private Fragments() {
    }

    /** An {@code <img>} of a picture in the report at its shown size; the thumbnail when {@code small}. */
    static String img(ReportContext context, Picture picture, Picture.Shown shown, String alt, boolean small) {
        return "<img src=\"" + context.href(small ? picture.small() : picture.file()) + "\" alt=\"" + Html.text(alt)
                + "\" width=\"" + shown.width() + "\" height=\"" + shown.height() + "\""
                + (shown.pixelated() ? " class=\"px\"" : "") + ">";
    }

    /** A grey box where a picture is missing, with the reason. */
    static String missing(String why) {
        return "<span class=\"missing\">" + Html.text(why) + "</span>";
    }

    /** The top classes as labelled bars, best first. */
    static String topK(List<ReportPrediction> top) {
        StringBuilder h = new StringBuilder("<ol class=\"topk\">");
        for (ReportPrediction p : top) {
            h.append("<li").append(p.rank() == 1 ? " class=\"first\"" : "").append(" title=\"")
                    .append(Html.text("class " + p.classIndex() + ", logit " + Html.number(p.logit(), 4))).append("\">")
                    .append("<span class=\"lbl\">").append(Html.text(p.name())).append("</span>")
                    .append("<span class=\"bar\"><span style=\"width:").append(Html.number(100 * p.probability(), 1))
                    .append("%\"></span></span>")
                    .append("<span class=\"num\">").append(Html.text(Html.percent(p.probability()))).append("</span></li>");
        }
        return h.append("</ol>").toString();
    }

    /** The top classes as a table: rank, class, label, probability, logit. */
    static String topKTable(List<ReportPrediction> top) {
        StringBuilder h = new StringBuilder("<table class=\"kv topk-table\"><thead><tr><th>#</th><th>class</th>"
                + "<th>label</th><th class=\"num\">probability</th><th class=\"num\">logit</th></tr></thead><tbody>");
        for (ReportPrediction p : top) {
            h.append("<tr><td>").append(p.rank()).append("</td><td>").append(p.classIndex()).append("</td><td>")
                    .append(Html.text(p.label() == null ? "" : p.label())).append("</td><td class=\"num\">")
                    .append(Html.text(Html.percent(p.probability()))).append("</td><td class=\"num\">")
                    .append(Html.number(p.logit(), 4)).append("</td></tr>");
        }
        return h.append("</tbody></table>").toString();
    }

    /** A row of a {@code kv} table; {@code valueHtml} is HTML already. */
    static String row(String key, String valueHtml) {
        return "<tr><th>" + Html.text(key) + "</th><td>" + valueHtml + "</td></tr>";
    }

    /** {@code 3×80×80} for a shape. */
    static String shape(JsonNode array) {
        StringBuilder s = new StringBuilder();
        for (JsonNode v : array) {
            if (s.length() > 0) {
                s.append('×');
            }
            s.append(v.asText());
        }
        return s.toString();
    }
}
