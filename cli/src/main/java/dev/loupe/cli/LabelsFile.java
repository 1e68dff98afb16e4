package dev.loupe.cli;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Labels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a labels file: one class name per line, in class-index order; blank trailing lines ignored. */
final class LabelsFile {

    private LabelsFile() {
    }

    static Labels read(Path file) {
        if (file == null) {
            return Labels.none();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            int end = lines.size();
            while (end > 0 && lines.get(end - 1).isBlank()) {
                end--;
            }
            return new Labels(lines.subList(0, end).stream().map(String::strip).toList());
        } catch (IOException e) {
            throw new LoupeException(ErrorKind.INPUT, "Cannot read labels file " + file + ": " + e.getMessage()
                    + ". Give a text file with one class name per line.", e);
        }
    }
}
