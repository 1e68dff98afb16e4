package dev.loupe.cli.report;

import dev.loupe.core.stability.Internal;
import dev.loupe.render.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The HTML report of a run: {@code OUT/report/index.html} (a row per image, a column per method,
 * the top classes) and a page per image (every method at full size with its parameters, layer,
 * target and score, and the provenance). Static HTML with inline CSS, no script and no network:
 * everything it shows is copied into the report folder (see {@link ReportLayout}), so the folder
 * opens from {@code file://} anywhere.
 *
 * <p>The pages are made from files only ({@code run.json}, the PNGs, {@code predictions.json}
 * and the input pictures), so another command can add a {@link ReportSection} and call
 * {@link #rebuild}.
 */
@Internal
public final class HtmlReport {

    private HtmlReport() {
    }

    /**
     * A fresh report for a finished run (its {@code run.json} written): the report folder's
     * earlier pages are removed first, so none of a previous run stays.
     *
     * @return the index page
     */
    public static Path write(Path outputDir, ReportInputs inputs) throws IOException {
        ReportRun run = ReportRun.read(outputDir, inputs.images());
        ReportLayout layout = ReportLayout.choose(outputDir, run.folders());
        clear(layout);
        Files.createDirectories(layout.dir());
        PredictionsFile.write(layout.predictions(), inputs.images());
        Map<Integer, Picture> pictures = new HashMap<>();
        for (ReportImage image : run.images()) {
            BufferedImage input;
            try {
                input = inputs.pictures().load(image.file());
            } catch (Exception e) {
                continue; // an unreadable image: its row says so
            }
            if (input != null) {
                pictures.put(image.index(), Pictures.write(input, layout.input(image)));
            }
        }
        return render(outputDir, layout, run, pictures, ReportSections.standard());
    }

    /** The report made again from the output folder's files, with the standard sections. */
    public static Path rebuild(Path outputDir) throws IOException {
        return rebuild(outputDir, ReportSections.standard());
    }

    /**
     * The report made again from the output folder's files ({@code run.json}, the maps, and the
     * predictions and input pictures an earlier {@link #write} left), with these sections.
     */
    public static Path rebuild(Path outputDir, List<ReportSection> sections) throws IOException {
        ReportRun bare = ReportRun.read(outputDir, List.of());
        ReportLayout layout = ReportLayout.choose(outputDir, bare.folders());
        ReportRun run = ReportRun.read(outputDir, PredictionsFile.read(layout.predictions()));
        Map<Integer, Picture> pictures = new HashMap<>();
        for (ReportImage image : run.images()) {
            Picture input = Pictures.existing(layout.input(image));
            if (input != null) {
                pictures.put(image.index(), input);
            }
        }
        return render(outputDir, layout, run, pictures, sections);
    }

    /** The index page of the output folder's report, if it has one. */
    public static Optional<Path> find(Path outputDir) {
        try {
            return ReportLayout.existing(outputDir, ReportRun.read(outputDir, List.of()).folders()).map(ReportLayout::index);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path render(Path outputDir, ReportLayout layout, ReportRun run, Map<Integer, Picture> inputs,
            List<ReportSection> sections) throws IOException {
        Files.createDirectories(layout.dir());
        AtomicFiles.writeBytes(layout.runJson(), Files.readAllBytes(outputDir.resolve("run.json")));
        Map<Integer, Map<String, MethodView>> views = new HashMap<>();
        for (ReportImage image : run.images()) {
            Map<String, MethodView> byMethod = new LinkedHashMap<>();
            for (String method : run.methods()) {
                MethodView view = MethodView.of(image, method, outputDir, layout);
                if (view != null) {
                    byMethod.put(method, view);
                }
            }
            views.put(image.index(), byMethod);
        }
        ReportContext base = new ReportContext(outputDir, layout, run, inputs, views, layout.dir());
        String name = Header.runName(base);

        List<Page.Part> parts = new ArrayList<>();
        for (ReportSection section : sections) {
            section.index(base).ifPresent(html -> parts.add(new Page.Part(section.id(), section.title(), html)));
        }
        AtomicFiles.writeString(layout.index(), Page.render(name + " · Loupe report", Header.index(base, parts), parts,
                footer(base)));

        for (ReportImage image : run.images()) {
            ReportContext context = base.onPage(layout.pageDir(image));
            List<Page.Part> imageParts = new ArrayList<>();
            for (ReportSection section : sections) {
                section.image(context, image).ifPresent(html -> imageParts.add(new Page.Part(section.id(), section.title(), html)));
            }
            Files.createDirectories(layout.pageDir(image));
            AtomicFiles.writeString(layout.page(image), Page.render(image.name() + " · " + name + " · Loupe report",
                    Header.image(context, image, imageParts), imageParts, footer(context)));
        }
        return layout.index();
    }

    private static String footer(ReportContext context) {
        return "Made by Loupe " + Html.text(context.run().json().path("loupe").asText()) + " from <a href=\""
                + context.href(context.reportDir().resolve("run.json")) + "\">run.json</a> ("
                + Html.text(Header.created(context.run().json().path("created").asText()))
                + "). Static HTML: no scripts, nothing loaded from the network; the pictures are in this folder.";
    }

    /** Removes what an earlier report wrote; the folder is known to be a report's (see {@link ReportLayout#choose}). */
    private static void clear(ReportLayout layout) throws IOException {
        if (Files.isDirectory(layout.imagesDir())) {
            try (Stream<Path> files = Files.walk(layout.imagesDir())) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.deleteIfExists(layout.index());
        Files.deleteIfExists(layout.runJson());
        Files.deleteIfExists(layout.predictions());
    }
}
