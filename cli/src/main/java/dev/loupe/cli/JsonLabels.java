package dev.loupe.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JSON labels file: a list {@code ["tench", ...]}, or an object keyed by class index,
 * {@code {"0": "tench", ...}} or ImageNet's {@code {"0": ["n01440764", "tench"], ...}} (the last
 * string is the label). Read with the streaming parser, not a tree, so every error can name its
 * line and a key given twice is caught (a tree would silently keep the last one).
 */
final class JsonLabels {

    private final Path file;
    private final JsonParser parser;

    private JsonLabels(Path file, JsonParser parser) {
        this.file = file;
        this.parser = parser;
    }

    static List<String> read(Path file) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(file.toFile())) {
            return new JsonLabels(file, parser).document();
        } catch (JsonProcessingException e) {
            throw new LoupeException(ErrorKind.INPUT, file + ":" + e.getLocation().getLineNr() + ": not valid JSON: "
                    + e.getOriginalMessage() + ". " + FORMS, e);
        }
    }

    static final String FORMS = "A labels file is text with one label per line, or JSON: [\"tench\", ...],"
            + " {\"0\": \"tench\", ...} or {\"0\": [\"n01440764\", \"tench\"], ...}.";

    private List<String> document() throws IOException {
        JsonToken first = parser.nextToken();
        List<String> labels;
        if (first == JsonToken.START_ARRAY) {
            labels = list();
        } else if (first == JsonToken.START_OBJECT) {
            labels = byIndex();
        } else {
            throw error("expected a list or an object at the top");
        }
        if (parser.nextToken() != null) {
            throw error("unexpected content after the labels");
        }
        if (labels.isEmpty()) {
            throw error("no labels");
        }
        return labels;
    }

    private List<String> list() throws IOException {
        List<String> labels = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            labels.add(label("entry " + labels.size()));
        }
        return labels;
    }

    private List<String> byIndex() throws IOException {
        Map<Integer, String> byIndex = new TreeMap<>();
        Map<Integer, Integer> lineOf = new TreeMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int line = line();
            int index = index(key);
            parser.nextToken();
            String label = label("class " + key);
            if (byIndex.put(index, label) != null) {
                throw new LoupeException(ErrorKind.INPUT, file + ":" + line + ": class " + index + " is given twice"
                        + " (first on line " + lineOf.get(index) + ").");
            }
            lineOf.put(index, line);
        }
        // indices are class positions: a gap would shift every later label onto the wrong class
        int expected = 0;
        for (int index : byIndex.keySet()) {
            if (index != expected) {
                throw new LoupeException(ErrorKind.INPUT, file + ": class " + expected + " has no label"
                        + (expected + 1 == index ? "" : " (nor do classes up to " + (index - 1) + ")")
                        + "; the keys must be 0, 1, 2, ... without gaps.");
            }
            expected++;
        }
        return new ArrayList<>(byIndex.values());
    }

    private int index(String key) {
        try {
            int index = Integer.parseInt(key.strip());
            if (index >= 0) {
                return index;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw error("key \"" + key + "\" is not a class index (0, 1, 2, ...)");
    }

    /** A string, or a list of strings whose last one is the label (ImageNet's [wnid, name]). */
    private String label(String what) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return checked(parser.getText(), what);
        }
        if (token == JsonToken.START_ARRAY) {
            String last = null;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                    throw error(what + ": expected strings in the list, got " + describe(parser.currentToken()));
                }
                last = parser.getText();
            }
            if (last == null) {
                throw error(what + ": an empty list has no label");
            }
            return checked(last, what);
        }
        throw error(what + ": expected a string or a list of strings, got " + describe(token));
    }

    private String checked(String label, String what) {
        if (label.isBlank()) {
            throw error(what + ": the label is empty");
        }
        return label.strip();
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    private int line() {
        return parser.currentTokenLocation().getLineNr();
    }

    private LoupeException error(String message) {
        return new LoupeException(ErrorKind.INPUT, file + ":" + line() + ": " + message + ". " + FORMS);
    }
}
