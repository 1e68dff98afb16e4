package dev.loupe.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Any part of {@code run.json} as HTML: an object as a key-value table, a list of plain values
 * on one line, nested objects as nested tables. Fields added to {@code run.json} later show up
 * without a change here.
 */
final class JsonHtml {

    private JsonHtml() {
    }

    static String value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "<span class=\"none\">none</span>";
        }
        if (node.isObject()) {
            return node.isEmpty() ? "<span class=\"none\">none</span>" : table(node, Set.of());
        }
        if (node.isArray()) {
            if (node.isEmpty()) {
                return "<span class=\"none\">none</span>";
            }
            boolean plain = true;
            for (JsonNode item : node) {
                plain &= item.isValueNode();
            }
            StringBuilder h = new StringBuilder();
            if (plain) {
                h.append("<code>");
                Iterator<JsonNode> items = node.iterator();
                while (items.hasNext()) {
                    h.append(Html.text(items.next().asText()));
                    if (items.hasNext()) {
                        h.append(", ");
                    }
                }
                return h.append("</code>").toString();
            }
            for (JsonNode item : node) {
                h.append("<div class=\"item\">").append(value(item)).append("</div>");
            }
            return h.toString();
        }
        if (node.isTextual()) {
            return Html.text(node.asText());
        }
        return "<code>" + Html.text(node.asText()) + "</code>";
    }

    /** An object's fields as a {@code kv} table, leaving out {@code skip}. */
    static String table(JsonNode object, Set<String> skip) {
        StringBuilder h = new StringBuilder("<table class=\"kv\">");
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!skip.contains(field.getKey())) {
                h.append(Fragments.row(field.getKey(), value(field.getValue())));
            }
        }
        return h.append("</table>").toString();
    }
}
