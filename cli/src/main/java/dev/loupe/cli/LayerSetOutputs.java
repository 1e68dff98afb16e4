package dev.loupe.cli;

import dev.loupe.core.explain.Attribution;
import dev.loupe.core.layer.LayerChoice;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.Npy;
import dev.loupe.render.figure.PanelGrid;
import dev.loupe.render.heatmap.Heatmap;
import dev.loupe.render.heatmap.HeatmapStyle;
import dev.loupe.render.heatmap.LayerCombination;
import dev.loupe.render.image.RgbImage;
import dev.loupe.render.io.AtomicFiles;
import dev.loupe.render.io.PictureFormat;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One image's outputs for a method run at a layer list or a layer group: per layer the raw map
 * ({@code <method>@<layer>.npy}), then for a list each layer's heatmap ({@code .png}) and the
 * combination ({@code <method>@combined.npy} and {@code .png}), for a group one figure
 * ({@code <method>@grid.png}: the image, then each layer's heatmap). The '@' keeps them apart
 * from a single-layer run's {@code <method>.npy}; a layer named {@value #COMBINED} is refused
 * before the run (see {@code ExplainRun}). Pictures are {@code .jpg} instead with {@code output.format: jpeg}.
 *
 * <p>Everything is rendered in memory before the first file is written, so a map that cannot be
 * drawn (NaN) leaves no files of the image behind.
 */
final class LayerSetOutputs {

    static final String COMBINED = "combined";
    static final String GRID = "grid";
    static final String INPUT_CAPTION = "input";

    private final Path outputDir;
    private final RunRecord record;
    private final HeatmapStyle style;
    private final PictureFormat format;
    private final PrintWriter err;
    private boolean captionWarningShown;

    LayerSetOutputs(Path outputDir, RunRecord record, HeatmapStyle style, PictureFormat format, PrintWriter err) {
        this.outputDir = outputDir;
        this.record = record;
        this.style = style;
        this.format = format;
        this.err = err;
    }

    /** TensorFlow scopes nest with '/', which cannot be in a file name: it is written as '.', as PyTorch paths read. */
    static String fileStem(String method, String layer) {
        return method + "@" + layer.replace('/', '.');
    }

    /** A file to write once the whole image has rendered. */
    private record Pending(Path file, byte[] bytes, BufferedImage png) {
    }

    /**
     * @param maps one per layer of {@code plan}, in its order
     * @param seconds the time each layer took per image
     * @return the figure or combination heatmap, relative to the output folder, for the console
     * @throws IllegalArgumentException when a map cannot be rendered; nothing is written then
     */
    Path write(Path image, MethodPlan plan, RgbImage display, List<Attribution> maps, List<Double> seconds, String label)
            throws IOException {
        Path dir = outputDir.resolve(record.folderFor(image));
        List<Pending> files = new ArrayList<>();
        List<PanelGrid.Panel> panels = new ArrayList<>();
        panels.add(new PanelGrid.Panel(display.toBufferedImage(), INPUT_CAPTION));
        List<FloatArray> planes = new ArrayList<>();
        for (int k = 0; k < maps.size(); k++) {
            Attribution map = maps.get(k);
            String stem = fileStem(plan.name(), plan.layers().get(k));
            files.add(new Pending(dir.resolve(stem + ".npy"), Npy.toBytes(map.map()), null));
            BufferedImage overlay = style.overlay(style.heatmap(map.map(), display), display);
            if (plan.kind() == LayerChoice.Kind.SEVERAL) {
                files.add(new Pending(dir.resolve(format.fileName(stem)), null, overlay));
                planes.add(map.map().rank() == 3 ? style.reduction().apply(map.map()) : map.map());
            } else {
                panels.add(new PanelGrid.Panel(overlay, plan.layers().get(k)));
            }
        }
        Path shown;
        FloatArray combined = null;
        if (plan.kind() == LayerChoice.Kind.SEVERAL) {
            combined = LayerCombination.combine(planes, display.height(), display.width());
            String stem = fileStem(plan.name(), COMBINED);
            files.add(new Pending(dir.resolve(stem + ".npy"), Npy.toBytes(combined), null));
            shown = dir.resolve(format.fileName(stem));
            files.add(new Pending(shown, null, style.overlay(Heatmap.fromNormalized(combined), display)));
        } else {
            PanelGrid.Figure figure = PanelGrid.draw(panels);
            figure.captionProblem().ifPresent(this::warnOnce);
            shown = dir.resolve(format.fileName(fileStem(plan.name(), GRID)));
            files.add(new Pending(shown, null, figure.image()));
        }
        writeAll(files);
        recordResults(image, plan, maps, seconds, label, dir, combined, shown);
        return outputDir.relativize(shown);
    }

    private void writeAll(List<Pending> files) throws IOException {
        for (Pending file : files) {
            if (file.png() != null) {
                format.write(file.file(), file.png());
            } else {
                AtomicFiles.writeBytes(file.file(), file.bytes());
            }
        }
    }

    private void recordResults(Path image, MethodPlan plan, List<Attribution> maps, List<Double> seconds, String label,
            Path dir, FloatArray combined, Path shown) {
        boolean several = plan.kind() == LayerChoice.Kind.SEVERAL;
        for (int k = 0; k < maps.size(); k++) {
            String stem = fileStem(plan.name(), plan.layers().get(k));
            record.result(image, plan.name(), maps.get(k), label, rel(dir.resolve(stem + ".npy")),
                    several ? rel(dir.resolve(format.fileName(stem))) : null, seconds.get(k));
        }
        if (several) {
            record.combined(image, plan.name(), plan.layers(), combined.shape(),
                    rel(dir.resolve(fileStem(plan.name(), COMBINED) + ".npy")), rel(shown));
        } else {
            List<String> captions = new ArrayList<>();
            captions.add(INPUT_CAPTION);
            captions.addAll(plan.layers());
            record.grid(image, plan.name(), captions, rel(shown));
        }
    }

    private Path rel(Path file) {
        return outputDir.relativize(file);
    }

    private void warnOnce(String problem) {
        if (!captionWarningShown) {
            captionWarningShown = true;
            err.println("warning: layer grid: " + problem + " The panels are drawn; their layers are listed in run.json.");
        }
    }
}
