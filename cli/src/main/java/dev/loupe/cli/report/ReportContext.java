package dev.loupe.cli.report;

import dev.loupe.core.stability.Internal;
import dev.loupe.render.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a {@link ReportSection} renders from: the run, the folders, and links relative to the
 * page being written (the index, or an image's page two folders down).
 */
@Internal
public final class ReportContext {

    private final Path outputDir;
    private final ReportLayout layout;
    private final ReportRun run;
    private final Map<Integer, Picture> inputs;
    private final Map<Integer, Map<String, MethodView>> views;
    private final Path pageDir;

    ReportContext(Path outputDir, ReportLayout layout, ReportRun run, Map<Integer, Picture> inputs,
            Map<Integer, Map<String, MethodView>> views, Path pageDir) {
        this.outputDir = outputDir;
        this.layout = layout;
        this.run = run;
        this.inputs = inputs;
        this.views = views;
        this.pageDir = pageDir;
    }

    /** The same report, for a page in {@code dir}. */
    ReportContext onPage(Path dir) {
        return new ReportContext(outputDir, layout, run, inputs, views, dir);
    }

    /** The run's output folder ({@code OUT}), where run.json and the maps are. */
    public Path outputDir() {
        return outputDir;
    }

    /** The report's folder ({@code OUT/report}). */
    public Path reportDir() {
        return layout.dir();
    }

    public ReportRun run() {
        return run;
    }

    /** A link from the current page to a file inside the report folder, encoded and escaped for an attribute. */
    public String href(Path fileInReport) {
        Path relative = pageDir.toAbsolutePath().normalize().relativize(fileInReport.toAbsolutePath().normalize());
        StringBuilder path = new StringBuilder();
        for (Path part : relative) {
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(part);
        }
        return Html.href(path.toString());
    }

    /** The link to {@code index.html}. */
    public String indexHref() {
        return href(layout.index());
    }

    /** The link to an image's page. */
    public String pageHref(ReportImage image) {
        return href(layout.page(image));
    }

    /**
     * Copies a file (a plot, a table) into the report folder as {@code name} (a path relative to
     * the report folder, such as {@code metrics/curve.png}) and returns where it is, for
     * {@link #href}: the report must not point outside its folder.
     */
    public Path include(Path source, String name) throws IOException {
        Path target = layout.dir().resolve(name).normalize();
        if (!target.startsWith(layout.dir().normalize()) || target.equals(layout.dir().normalize())) {
            throw new IllegalArgumentException("'" + name + "' is not a file name inside the report folder");
        }
        Files.createDirectories(target.getParent());
        AtomicFiles.writeBytes(target, Files.readAllBytes(source));
        return target;
    }

    /** The image as the model saw it, or {@code null} when it could not be read. */
    Picture input(ReportImage image) {
        return inputs.get(image.index());
    }

    /** What the report shows of one method's results for one image, or {@code null} when there are none. */
    MethodView view(ReportImage image, String method) {
        return views.getOrDefault(image.index(), Map.of()).get(method);
    }
}
