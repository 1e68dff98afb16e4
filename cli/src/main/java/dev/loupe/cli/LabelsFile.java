package dev.loupe.cli;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Labels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a labels file: text with one class name per line, in class-index order (blank trailing
 * lines ignored), or JSON ({@link JsonLabels}): a file ending in {@code .json}, or whose first
 * character that is not white space is {@code [} or <code>{</code>.
 */
final class LabelsFile {

    private LabelsFile() {
    }

    static Labels read(Path file) {
        if (file == null) {
            return Labels.none();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return new Labels(isJson(file, text) ? JsonLabels.read(file) : lines(file, text));
        } catch (IOException e) {
            throw new LoupeException(ErrorKind.INPUT, "Cannot read labels file " + file + ": " + e.getMessage()
                    + ". " + JsonLabels.FORMS, e);
        }
    }

    /**
     * The labels' count against the model's: a warning, not an error, because a file with fewer or
     * more names still labels the classes it covers correctly (only ones past its end go unnamed).
     */
    static String countMismatch(Path file, Labels labels, int classes) {
        if (labels.isEmpty() || labels.size() == classes) {
            return null;
        }
        return "the labels file " + file + " has " + labels.size() + " labels but the model has " + classes
                + " classes" + (labels.size() < classes ? "; classes " + labels.size() + " and up have no label." : ".");
    }

    private static boolean isJson(Path file, String text) {
        String stripped = text.stripLeading();
        return file.getFileName().toString().toLowerCase().endsWith(".json")
                || stripped.startsWith("[") || stripped.startsWith("{");
    }

    private static List<String> lines(Path file, String text) {
        List<String> lines = text.lines().toList();
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            // a blank line would silently shift every later label onto the next class
            if (lines.get(i).isBlank()) {
                throw new LoupeException(ErrorKind.INPUT, file + ":" + (i + 1) + ": empty label; every line up to the"
                        + " last is a class name, in class-index order.");
            }
        }
        if (end == 0) {
            throw new LoupeException(ErrorKind.INPUT, file + ": no labels. " + JsonLabels.FORMS);
        }
        return lines.subList(0, end).stream().map(String::strip).toList();
    }
}
