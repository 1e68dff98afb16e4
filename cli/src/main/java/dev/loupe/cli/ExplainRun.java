package dev.loupe.cli;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.explain.Explanations;
import dev.loupe.core.explain.ImageSource;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.explain.Target;
import dev.loupe.core.layer.LayerChoice;
import dev.loupe.core.layer.LayerInfo;
import dev.loupe.core.layer.LayerSelector;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.ParameterType;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.Npy;
import dev.loupe.render.color.Colormap;
import dev.loupe.render.heatmap.ChannelReduction;
import dev.loupe.render.heatmap.HeatmapStyle;
import dev.loupe.render.image.ImageLoader;
import dev.loupe.render.image.ImageReadException;
import dev.loupe.render.image.PreprocessedImage;
import dev.loupe.render.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code loupe explain} run. Everything that can be checked before the first image is
 * (methods, parameters, model, layers, target, labels), so a mistake costs no output; then each
 * batch of images is explained by each method, files are written atomically, and an image that
 * fails is reported and skipped without stopping the others.
 */
final class ExplainRun {

    /** Relative completeness error above which a run warns (5 %; 50 Gauss-Legendre steps stay under 3 % on the fixtures). */
    static final double COMPLETENESS_WARNING = 0.05;

    private final RunSpec spec;
    private final PrintWriter out;
    private final PrintWriter err;
    private final RunRecord record;
    private LayerSetOutputs layerOutputs;
    private KindPictures pictures;
    private GridFigures grid;
    private final ProgressBar.Mode progressMode;
    private ProgressBar progress;
    private final ExplainReport report;

    ExplainRun(RunSpec spec, PrintWriter out, PrintWriter err) {
        this(spec, out, err, ProgressBar.Mode.AUTO);
    }

    ExplainRun(RunSpec spec, PrintWriter out, PrintWriter err, ProgressBar.Mode progressMode) {
        this.spec = spec;
        this.out = out;
        this.err = err;
        this.record = new RunRecord(spec);
        this.progressMode = progressMode;
        this.report = new ExplainReport(spec);
    }

    int execute() {
        long start = System.nanoTime();
        ExplainerRegistry registry = ExplainerRegistry.load();
        List<MethodSetup> setups = validateMethods(registry);
        List<Path> images = listImages();
        Labels labels = LabelsFile.read(spec.labels());
        Colormap colormap = colormap();
        HeatmapStyle inputStyle = new HeatmapStyle(ChannelReduction.ABS_MAX, colormap, 1 - spec.overlayAlpha());

        long loadStart = System.nanoTime();
        try (ExplainableModel model = ModelOpener.open(spec.model(), spec.backend(), spec.device(), spec.modelOptions(),
                inputShape(images))) {
            record.model(model.description(), seconds(loadStart));
            List<MethodPlan> plans = checkAgainstModel(registry, setups, model, labels);
            layerOutputs = new LayerSetOutputs(spec.outputDir(), record, inputStyle, spec.rendering().format(), err);
            pictures = new KindPictures(spec.rendering(), inputStyle, err);
            grid = GridFigures.create(spec, plans, images, inputStyle, err);
            mkdirs(spec.outputDir());
            long perImage = plans.stream().mapToLong(p -> p.units().size()).sum();
            progress = new ProgressBar(err, progressMode, perImage * images.size(), System::nanoTime);
            try {
                for (int from = 0; from < images.size(); from += spec.batchSize()) {
                    List<Path> batch = images.subList(from, Math.min(images.size(), from + spec.batchSize()));
                    explainBatch(model, plans, batch, labels);
                    grid.done(batch);
                }
            } finally {
                progress.close();
            }
            report.predict(model, images, labels);
        }
        grid.finish(record);
        record.totalSeconds(seconds(start));
        writeRecord();
        report.write(out);
        return summarize();
    }

    /**
     * A method request with its parameters checked; {@code layers} is what a layer method's
     * {@code layer} parameter asks for, {@code null} for other methods.
     */
    private record MethodSetup(MethodRequest request, ExplainerProvider provider, Parameters parameters,
            LayerChoice layers) {
    }

    /** Unknown methods, bad parameters and misspelt layer lists are usage errors, found before the model loads. */
    private List<MethodSetup> validateMethods(ExplainerRegistry registry) {
        List<MethodSetup> setups = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (MethodRequest m : spec.methods()) {
            if (!seen.add(m.name())) {
                throw new LoupeException(ErrorKind.USAGE, "Method '" + m.name() + "' is listed twice; their outputs"
                        + " would overwrite each other. List it once.");
            }
            ExplainerProvider provider = registry.get(m.name());
            Object layer = m.params().get(MethodLayers.LAYER);
            if (!MethodLayers.isLayerMethod(provider)) {
                if (MethodLayers.isList(layer)) {
                    throw MethodLayers.notALayerMethod(registry, m.name());
                }
                setups.add(new MethodSetup(m, provider, provider.parameters().validate(m.name(), m.params()), null));
                continue;
            }
            LayerChoice choice = layer == null ? null : MethodLayers.parse(m.name(), layer);
            Map<String, Object> params = new LinkedHashMap<>(m.params());
            if (choice != null) {
                // the provider checks one name; several are checked against the model, so 'auto' stands in for them
                boolean single = choice.kind() == LayerChoice.Kind.SINGLE;
                params.put(MethodLayers.LAYER, single ? choice.names().get(0) : LayerSelector.AUTO);
            }
            Parameters validated = provider.parameters().validate(m.name(), params);
            if (choice == null) {
                choice = LayerChoice.parse(validated.getString(MethodLayers.LAYER));
            }
            setups.add(new MethodSetup(new MethodRequest(m.name(), params), provider, validated, choice));
        }
        return setups;
    }

    private List<MethodPlan> checkAgainstModel(ExplainerRegistry registry, List<MethodSetup> setups,
            ExplainableModel model, Labels labels) {
        List<MethodPlan> result = new ArrayList<>();
        for (MethodSetup setup : setups) {
            String name = setup.request().name();
            Parameters params = setup.parameters();
            record.method(setup.provider(), params);
            for (ParameterDef def : setup.provider().parameters().definitions()) {
                if (def.type() == ParameterType.LAYER && !(setup.layers() != null && def.name().equals(MethodLayers.LAYER))) {
                    record.layer(name, new LayerSelector(model.layers()).select(params.getString(def.name())).path());
                }
            }
            if (setup.layers() == null) {
                setup.provider().checkModel(model, params);
                Explainer explainer = registry.create(name, setup.request().params(), model);
                result.add(new MethodPlan(name, LayerChoice.Kind.SINGLE, List.of(new MethodPlan.Unit(null, explainer))));
                continue;
            }
            result.add(planLayers(registry, setup, model));
        }
        int classes = model.description().classCount();
        if (spec.target() instanceof Target.ClassIndex index && index.index() >= classes) {
            throw new LoupeException(ErrorKind.INPUT, "Target class " + index.index() + " is out of range: the model has "
                    + classes + " classes (0.." + (classes - 1) + ").");
        }
        if (spec.target() instanceof Target.ClassLabel label) {
            labels.indexOf(label.label());
        }
        if (!labels.isEmpty() && labels.size() != classes) {
            err.println("warning: the labels file has " + labels.size() + " labels but the model has " + classes + " classes.");
        }
        return result;
    }

    /** One explainer per layer the request resolves to, each checked against the model now. */
    private MethodPlan planLayers(ExplainerRegistry registry, MethodSetup setup, ExplainableModel model) {
        String name = setup.request().name();
        LayerChoice choice = setup.layers();
        List<String> paths = choice.resolve(model.layers()).stream().map(LayerInfo::path).toList();
        if (choice.kind() == LayerChoice.Kind.SINGLE) {
            record.layer(name, paths.get(0));
        } else {
            if (choice.kind() == LayerChoice.Kind.SEVERAL && paths.contains(LayerSetOutputs.COMBINED)) {
                throw new LoupeException(ErrorKind.INPUT, "The model's layer '" + LayerSetOutputs.COMBINED + "' would"
                        + " write the same files as the combination of " + choice + " (" + name + "@"
                        + LayerSetOutputs.COMBINED + ".npy); run it in a separate run.");
            }
            record.layers(name, choice, paths);
        }
        List<MethodPlan.Unit> units = new ArrayList<>();
        for (String path : paths) {
            Map<String, Object> params = new LinkedHashMap<>(setup.request().params());
            params.put(MethodLayers.LAYER, path);
            // each layer of a list or group is checked like a single one: a layer the method refuses stops the run here
            setup.provider().checkModel(model, setup.provider().parameters().validate(name, params));
            units.add(new MethodPlan.Unit(path, registry.create(name, params, model)));
        }
        return new MethodPlan(name, choice.kind(), units);
    }

    private List<Path> listImages() {
        return RunImages.list(spec.images());
    }

    private long[] inputShape(List<Path> images) {
        return RunImages.inputShape(spec.preprocessor(), images);
    }

    private Colormap colormap() {
        try {
            return Colormap.byName(spec.colormap());
        } catch (IllegalArgumentException e) {
            throw new LoupeException(ErrorKind.USAGE, e.getMessage(), e);
        }
    }

    private void explainBatch(ExplainableModel model, List<MethodPlan> plans, List<Path> batch, Labels labels) {
        ImageLoader loader = new ImageLoader();
        List<Path> loaded = new ArrayList<>();
        List<PreprocessedImage> inputs = new ArrayList<>();
        for (Path image : batch) {
            try {
                PreprocessedImage p = spec.preprocessor().apply(loader.load(image));
                for (String warning : p.display().warnings()) {
                    err.println("warning: " + image + ": " + warning);
                }
                if (!sameShape(inputs, p)) {
                    explainBatch(model, plans, List.of(image), labels);
                    continue;
                }
                loaded.add(image);
                inputs.add(p);
            } catch (ImageReadException | RuntimeException e) {
                fail(image, e);
                progress.done(plans.stream().mapToLong(p -> p.units().size()).sum());
            }
        }
        if (inputs.isEmpty()) {
            return;
        }
        FloatArray stacked = FloatArray.stack(inputs.stream().map(PreprocessedImage::input).toList());
        for (MethodPlan plan : plans) {
            // every layer first: a layer that fails leaves none of this method's files for the batch
            List<List<Attribution>> perLayer = new ArrayList<>();
            List<Double> perImage = new ArrayList<>();
            try {
                for (MethodPlan.Unit unit : plan.units()) {
                    long t0 = System.nanoTime();
                    perLayer.add(Explanations.explain(unit.explainer(), model, stacked, List.of(spec.target()), labels,
                            imageSource(), progress.call(inputs.size())));
                    perImage.add(seconds(t0) / inputs.size());
                    progress.done(inputs.size());
                }
            } catch (LoupeException e) {
                if (e.kind() == ErrorKind.INTERNAL) {
                    throw e;
                }
                loaded.forEach(image -> fail(image, e));
                progress.done((long) inputs.size() * (plan.units().size() - perLayer.size()));
                continue;
            }
            for (int i = 0; i < inputs.size(); i++) {
                if (plan.kind() == LayerChoice.Kind.SINGLE) {
                    write(loaded.get(i), inputs.get(i), plan.name(), perLayer.get(0).get(i), labels, perImage.get(0));
                } else {
                    int image = i;
                    writeLayers(loaded.get(i), inputs.get(i), plan, perLayer.stream().map(maps -> maps.get(image)).toList(),
                            perImage, labels);
                }
            }
        }
    }

    /** A layer list's or group's outputs for one image; a map that cannot be drawn fails the image only. */
    private void writeLayers(Path image, PreprocessedImage input, MethodPlan plan, List<Attribution> maps,
            List<Double> seconds, Labels labels) {
        Attribution first = maps.get(0);
        String label = labels.name(first.target()).orElse(null);
        Path shown;
        try {
            shown = layerOutputs.write(image, plan, input.display(), maps, seconds, label);
        } catch (IllegalArgumentException e) {
            fail(image, plan.name() + ": " + e.getMessage());
            return;
        } catch (IOException e) {
            throw new LoupeException(ErrorKind.INTERNAL, "Could not write the outputs of " + image + ": " + e.getMessage(), e);
        }
        grid.layers(image, plan, input.display(), maps, label);
        progress.clearLine();
        out.printf("%s  %-12s target %d%s  logit %.4f  %d layers -> %s%n", image.getFileName(), plan.name(),
                first.target(), label == null ? "" : " (" + label + ")", first.score(), maps.size(), shown);
    }

    private ImageSource imageSource() {
        return RunImages.imageSource(spec.source(), spec.preprocessor());
    }

    private static boolean sameShape(List<PreprocessedImage> inputs, PreprocessedImage next) {
        return inputs.isEmpty() || java.util.Arrays.equals(inputs.get(0).input().shape(), next.input().shape());
    }

    private void write(Path image, PreprocessedImage input, String method, Attribution map, Labels labels,
            double seconds) {
        Path dir = spec.outputDir().resolve(record.folderFor(image));
        Path npy = dir.resolve(method + ".npy");
        Map<String, Path> pngs;
        try {
            mkdirs(dir);
            AtomicFiles.writeBytes(npy, Npy.toBytes(map.map()));
            progress.clearLine();
            pngs = new LinkedHashMap<>();
            pictures.write(dir, method, map.map(), input.display())
                    .forEach((kind, png) -> pngs.put(kind, spec.outputDir().relativize(png)));
        } catch (IOException e) {
            throw new LoupeException(ErrorKind.INTERNAL, "Could not write " + dir + ": " + e.getMessage(), e);
        }
        warnIfIncomplete(image, method, map);
        String label = labels.name(map.target()).orElse(null);
        Path shown = pngs.isEmpty() ? spec.outputDir().relativize(npy) : pngs.getOrDefault("overlay", pngs.values().iterator().next());
        record.result(image, method, map, label, spec.outputDir().relativize(npy), pngs.get("overlay"), seconds);
        record.pictures(image, pngs);
        grid.single(image, method, input.display(), map, label);
        progress.clearLine();
        out.printf("%s  %-12s target %d%s  logit %.4f  -> %s%n", image.getFileName(), method, map.target(),
                label == null ? "" : " (" + label + ")", map.score(), shown);
    }

    /** Integrated Gradients' completeness check: attributions should sum to y(x) - y(baseline). */
    private void warnIfIncomplete(Path image, String method, Attribution map) {
        if (map.details().get("completeness-delta") instanceof Number delta
                && map.details().get("baseline-score") instanceof Number baseline) {
            double gap = Math.abs(map.score() - baseline.doubleValue());
            double relative = Math.abs(delta.doubleValue()) / Math.max(gap, 1e-12);
            if (relative > COMPLETENESS_WARNING) {
                err.printf("warning: %s: %s attributions sum to y(x) - y(baseline) only within %.1f %% (delta %.4g);"
                        + " raise 'steps' for a closer approximation.%n", image.getFileName(), method, 100 * relative,
                        delta.doubleValue());
            }
        }
    }

    private void fail(Path image, Exception e) {
        fail(image, e.getMessage());
    }

    private void fail(Path image, String message) {
        if (progress != null) {
            progress.clearLine();
        }
        err.println("error: " + image + ": " + message);
        record.failure(image, message);
    }

    private void writeRecord() {
        try {
            AtomicFiles.writeString(spec.outputDir().resolve("run.json"), record.toJson());
        } catch (IOException e) {
            throw new LoupeException(ErrorKind.INTERNAL, "Could not write run.json: " + e.getMessage(), e);
        }
    }

    private int summarize() {
        int failed = record.failureCount();
        out.printf("%d image(s) explained, %d failed; provenance in %s%n", record.imageCount(), failed,
                spec.outputDir().resolve("run.json"));
        if (failed == 0) {
            return ExitCodes.OK;
        }
        return record.imageCount() == 0 ? ExitCodes.INPUT : ExitCodes.PARTIAL;
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LoupeException(ErrorKind.INPUT, "Cannot create output folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
