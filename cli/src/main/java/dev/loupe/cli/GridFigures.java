package dev.loupe.cli;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.layer.LayerChoice;
import dev.loupe.render.figure.MethodGrid;
import dev.loupe.render.figure.MethodGrid.Cell;
import dev.loupe.render.figure.MethodGrid.ColourBar;
import dev.loupe.render.figure.MethodGrid.Row;
import dev.loupe.render.heatmap.HeatmapStyle;
import dev.loupe.render.heatmap.MapPipeline;
import dev.loupe.render.image.RgbImage;
import dev.loupe.render.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The run's comparison figure ({@code output.grid: true}): one row per image, in run order, the
 * image first and then one cell per method (per layer for a layer list or group), each cell the
 * overlay the run writes for that map, titled with the method, the target's label (or class
 * index) and its logit; a colour bar says how maps were scaled. At most {@link #ROWS_PER_PAGE}
 * images go in one figure: a larger run writes {@code grid-1.png}, {@code grid-2.png}, ... (one
 * file, {@code grid.png}, otherwise). A page is written as soon as its images are done, so memory
 * holds one page of cells, not the run's. A map that failed is a gray, crossed-out cell; an image
 * that could not be read keeps its row, all gray.
 */
final class GridFigures {

    static final int ROWS_PER_PAGE = 10;
    static final String STEM = "grid";
    static final String INPUT_COLUMN = "input";

    private final Path outputDir;
    private final Rendering rendering;
    private final HeatmapStyle style;
    private final PrintWriter err;
    /** The map columns, in order: method names, or {@code method@layer} for layer lists and groups. */
    private final List<String> columns;
    private final List<Path> images;
    private final Map<Path, Cells> pending = new HashMap<>();
    private final Set<Path> done = new HashSet<>();
    private final List<String> written = new ArrayList<>();
    private int nextPage;
    private boolean textWarningShown;

    /** One image's pictures so far, each already reduced to the size it has in the figure. */
    private static final class Cells {
        BufferedImage input;
        String inputSize;
        final Map<String, Cell> maps = new HashMap<>();
    }

    private final boolean enabled;

    private GridFigures(boolean enabled, Path outputDir, Rendering rendering, HeatmapStyle style, PrintWriter err, List<String> columns,
            List<Path> images) {
        this.enabled = enabled;
        this.outputDir = outputDir;
        this.rendering = rendering;
        this.style = style;
        this.err = err;
        this.columns = List.copyOf(columns);
        this.images = List.copyOf(images);
    }

    /** The figure for {@code spec}'s run; every call does nothing when the run does not ask for one. */
    static GridFigures create(RunSpec spec, List<MethodPlan> plans, List<Path> images, HeatmapStyle style,
            PrintWriter err) {
        List<String> columns = new ArrayList<>();
        for (MethodPlan plan : plans) {
            if (plan.kind() == LayerChoice.Kind.SINGLE) {
                columns.add(plan.name());
            } else {
                plan.layers().forEach(layer -> columns.add(column(plan.name(), layer)));
            }
        }
        return new GridFigures(spec.rendering().grid(), spec.outputDir(), spec.rendering(), style, err, columns, images);
    }

    private static String column(String method, String layer) {
        return method + "@" + layer;
    }

    /** A single-layer map: its cell is the overlay {@code <method>.png}, drawn the same way. */
    void single(Path image, String method, RgbImage display, Attribution map, String label) {
        if (!enabled) {
            return;
        }
        try {
            BufferedImage overlay = style.overlay(rendering.pipeline().heatmap(map.map(), display.height(),
                    display.width()), display);
            add(image, display, method, overlay, map, label);
        } catch (RuntimeException e) {
            // the map's own files report the problem; the cell stays 'failed'
        }
    }

    /** A layer list's or group's maps, one column each, drawn as their per-layer pictures are. */
    void layers(Path image, MethodPlan plan, RgbImage display, List<Attribution> maps, String label) {
        if (!enabled) {
            return;
        }
        for (int k = 0; k < maps.size(); k++) {
            try {
                Attribution map = maps.get(k);
                BufferedImage overlay = style.overlay(style.heatmap(map.map(), display), display);
                add(image, display, column(plan.name(), plan.layers().get(k)), overlay, map, label);
            } catch (RuntimeException e) {
                // as in single()
            }
        }
    }

    private void add(Path image, RgbImage display, String column, BufferedImage overlay, Attribution map, String label) {
        Cells cells = pending.computeIfAbsent(image, p -> new Cells());
        if (cells.input == null) {
            cells.input = MethodGrid.fit(display.toBufferedImage());
            cells.inputSize = display.width() + "x" + display.height();
        }
        String target = label != null ? label : "class " + map.target();
        cells.maps.put(column, new Cell(MethodGrid.fit(overlay), column,
                target + "  logit " + String.format(Locale.ROOT, "%.3f", map.score())));
    }

    /** These images are finished (explained or failed); every page now complete is written. */
    void done(List<Path> batch) {
        if (!enabled) {
            return;
        }
        done.addAll(batch);
        while (nextPage < pages() && done.containsAll(pageImages(nextPage))) {
            writePage(nextPage++);
        }
    }

    /** Writes what is left and adds the figures to run.json. */
    void finish(RunRecord record) {
        if (!enabled) {
            return;
        }
        done(images);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("files", written);
        d.put("rows_per_page", ROWS_PER_PAGE);
        List<String> all = new ArrayList<>();
        all.add(INPUT_COLUMN);
        all.addAll(columns);
        d.put("columns", all);
        d.put("cell", "the overlay of each map, titled with the target's label (or class index) and its logit");
        d.put("colour_bar", colourBar().caption());
        record.figures(d);
    }

    private int pages() {
        return (images.size() + ROWS_PER_PAGE - 1) / ROWS_PER_PAGE;
    }

    private List<Path> pageImages(int page) {
        return images.subList(page * ROWS_PER_PAGE, Math.min(images.size(), (page + 1) * ROWS_PER_PAGE));
    }

    private void writePage(int page) {
        List<Row> rows = new ArrayList<>();
        for (Path image : pageImages(page)) {
            Cells cells = pending.remove(image);
            List<Cell> row = new ArrayList<>();
            row.add(cells == null ? Cell.failed(INPUT_COLUMN, "not explained")
                    : new Cell(cells.input, INPUT_COLUMN, cells.inputSize));
            for (String column : columns) {
                Cell cell = cells == null ? null : cells.maps.get(column);
                row.add(cell != null ? cell : Cell.failed(column, "see run.json failures"));
            }
            rows.add(new Row(image.getFileName().toString(), row));
        }
        MethodGrid.Figure figure = MethodGrid.draw(rows, colourBar());
        figure.textProblem().ifPresent(problem -> {
            if (!textWarningShown) {
                textWarningShown = true;
                err.println("warning: grid figure: " + problem + " The pictures are drawn; run.json names the columns.");
            }
        });
        String name = pages() == 1 ? STEM + ".png" : STEM + "-" + (page + 1) + ".png";
        try {
            AtomicFiles.writePng(outputDir.resolve(name), figure.image());
        } catch (IOException e) {
            throw new LoupeException(ErrorKind.INTERNAL, "Could not write the grid figure " + name + ": " + e.getMessage(), e);
        }
        written.add(name);
    }

    /** What the colours mean: every map has its own scale (the run's pipeline), so the ends are words, not numbers. */
    private ColourBar colourBar() {
        MapPipeline pipeline = rendering.pipeline();
        String scale = pipeline.scale().clipPercentile() == null ? "min-max"
                : "top " + trim(100 - pipeline.scale().clipPercentile()) + " % clipped";
        if (pipeline.sign().centred()) {
            return new ColourBar(style.colormap(), "-max", "0", "+max", "each map on its own scale, 0 centred");
        }
        return new ColourBar(style.colormap(), "low", "", "high", "each map " + scale + " on its own");
    }

    private static String trim(double percent) {
        return percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent);
    }
}
