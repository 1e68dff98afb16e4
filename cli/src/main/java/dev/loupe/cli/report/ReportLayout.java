package dev.loupe.cli.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the report's files go. Everything is inside one folder, {@code OUT/report/}, so the
 * folder alone can be zipped, mailed or served and opened from {@code file://}:
 *
 * <pre>
 * report/index.html                        the grid: a row per image, a column per method
 * report/run.json                          a copy of the run's provenance
 * report/predictions.json                  each image's top classes (to rebuild the pages)
 * report/images/&lt;image&gt;/index.html         the image's page
 * report/images/&lt;image&gt;/input.png          the image as the model saw it (after preprocessing)
 * report/images/&lt;image&gt;/maps/&lt;file&gt;.png     copies of OUT/&lt;image&gt;/*.png
 * report/images/&lt;image&gt;/...thumb.jpg       thumbnails of pictures over {@value Pictures#THUMB_LIMIT} px
 * </pre>
 *
 * The folder is {@code report} unless an image's output folder has that name (an image called
 * {@code report.png}) or a folder of that name that Loupe did not write is in the way; then
 * {@code report-2}, {@code report-3}, ...
 */
final class ReportLayout {

    static final String NAME = "report";
    /** Written into every page's head; a folder whose index.html has it is a Loupe report, safe to rewrite. */
    static final String GENERATOR = "<meta name=\"generator\" content=\"Loupe report\">";

    private final Path dir;

    private ReportLayout(Path dir) {
        this.dir = dir;
    }

    /** The report folder of {@code outputDir}: the first candidate that no image uses and no stranger holds. */
    static ReportLayout choose(Path outputDir, Collection<String> imageFolders) {
        for (int i = 1; ; i++) {
            String name = i == 1 ? NAME : NAME + "-" + i;
            boolean clash = imageFolders.stream().anyMatch(f -> f.toLowerCase(Locale.ROOT).equals(name));
            Path candidate = outputDir.resolve(name);
            if (!clash && isOursOrFree(candidate)) {
                return new ReportLayout(candidate);
            }
        }
    }

    /** The existing report of {@code outputDir}, if one was written. */
    static Optional<ReportLayout> existing(Path outputDir, Collection<String> imageFolders) {
        ReportLayout layout = choose(outputDir, imageFolders);
        return Files.isRegularFile(layout.index()) ? Optional.of(layout) : Optional.empty();
    }

    private static boolean isOursOrFree(Path candidate) {
        if (!Files.exists(candidate)) {
            return true;
        }
        if (!Files.isDirectory(candidate)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(candidate)) {
            if (entries.findAny().isEmpty()) {
                return true;
            }
        } catch (IOException e) {
            return false;
        }
        Path index = candidate.resolve("index.html");
        try {
            return Files.isRegularFile(index) && Files.readString(index, StandardCharsets.UTF_8).contains(GENERATOR);
        } catch (IOException e) {
            return false;
        }
    }

    Path dir() {
        return dir;
    }

    Path index() {
        return dir.resolve("index.html");
    }

    Path runJson() {
        return dir.resolve("run.json");
    }

    Path predictions() {
        return dir.resolve(PredictionsFile.NAME);
    }

    /** {@code report/images}: every image's folder; removed before a fresh report so no stale page stays. */
    Path imagesDir() {
        return dir.resolve("images");
    }

    Path pageDir(ReportImage image) {
        return imagesDir().resolve(image.page());
    }

    Path page(ReportImage image) {
        return pageDir(image).resolve("index.html");
    }

    Path input(ReportImage image) {
        return pageDir(image).resolve("input.png");
    }

    /** The copy of a picture of the run ({@code circle_1/grad-cam.png} becomes {@code maps/grad-cam.png}). */
    Path map(ReportImage image, Path picture) {
        return pageDir(image).resolve("maps").resolve(picture.getFileName().toString());
    }
}
