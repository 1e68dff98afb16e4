package dev.loupe.cli;

import dev.loupe.cli.evaluate.EvaluationFiles;
import dev.loupe.cli.report.HtmlReport;
import dev.loupe.cli.evaluate.EvaluationTable;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.evaluate.EvaluationContext;
import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.evaluate.MetricScore;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.explain.Explanations;
import dev.loupe.core.explain.ImageSource;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.explain.Progress;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.Scope;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.registry.MetricRegistry;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.spi.MetricProvider;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.image.ImageLoader;
import dev.loupe.render.image.ImageReadException;
import dev.loupe.render.image.PreprocessedImage;
import dev.loupe.render.image.RgbImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One {@code loupe evaluate} run. As for {@code explain}, everything that can be checked before
 * the first image is (method and metric names and parameters, masks folder, model, capabilities),
 * so a mistake costs no output. Then each batch of images is explained by each method and each
 * map scored by each metric. An image that cannot be read, or a method or metric that fails on a
 * batch, is reported and skipped; the others go on. The results are written at the end by
 * {@link EvaluationFiles}.
 */
final class EvaluateRun {

    private final EvalSpec spec;
    private final RunSpec run;
    private final PrintWriter out;
    private final PrintWriter err;
    private final EvaluationTable table = new EvaluationTable();
    private final List<Map<String, Object>> failures = new ArrayList<>();
    private final Set<Path> failedImages = new HashSet<>();
    private int imagesScored;

    EvaluateRun(EvalSpec spec, PrintWriter out, PrintWriter err) {
        this.spec = spec;
        this.run = spec.run();
        this.out = out;
        this.err = err;
    }

    private record MethodSetup(String name, ExplainerProvider provider, Parameters parameters, Map<String, Object> raw) {
    }

    private record MetricSetup(String name, MetricProvider provider, Parameters parameters, Map<String, Object> raw) {
    }

    private record Planned(String name, Explainer explainer) {
    }

    private record Scored(String name, MetricProvider provider, Metric metric) {
    }

    int execute() {
        long start = System.nanoTime();
        ExplainerRegistry methods = ExplainerRegistry.load();
        MetricRegistry metrics = MetricRegistry.load();
        List<MethodSetup> methodSetups = validateMethods(methods);
        List<MetricSetup> metricSetups = validateMetrics(metrics);
        checkMasks();
        List<Path> images = listImages();
        Labels labels = LabelsFile.read(run.labels());
        try (ExplainableModel model = ModelOpener.open(run.model(), run.backend(), run.device(), run.modelOptions(),
                inputShape(images))) {
            List<Planned> planned = new ArrayList<>();
            for (MethodSetup m : methodSetups) {
                m.provider().checkModel(model, m.parameters());
                planned.add(new Planned(m.name(), methods.create(m.name(), m.raw(), model)));
            }
            List<Scored> scored = new ArrayList<>();
            for (MetricSetup m : metricSetups) {
                try {
                    scored.add(new Scored(m.name(), m.provider(), metrics.create(m.name(), m.raw(), model)));
                } catch (LoupeException e) {
                    // a metric the model cannot support (parameter randomisation on a SavedModel, say) is skipped, not fatal
                    err.println("warning: metric " + m.name() + " skipped: " + e.getMessage());
                    for (Planned p : planned) {
                        table.skip(p.name(), m.name(), m.provider().direction(), e.getMessage());
                    }
                }
            }
            mkdirs(run.outputDir());
            List<Path> batch = new ArrayList<>();
            List<PreprocessedImage> inputs = new ArrayList<>();
            List<FloatArray> masks = new ArrayList<>();
            int offset = 0;
            ImageLoader loader = new ImageLoader();
            for (Path image : images) {
                PreprocessedImage p;
                FloatArray mask;
                try {
                    p = run.preprocessor().apply(loader.load(image));
                    mask = mask(image, p, loader);
                } catch (ImageReadException | RuntimeException e) {
                    fail(image, null, e.getMessage());
                    continue;
                }
                if (!inputs.isEmpty() && (batch.size() == run.batchSize()
                        || !Arrays.equals(inputs.get(0).input().shape(), p.input().shape()))) {
                    offset = evaluateBatch(model, planned, scored, batch, inputs, masks, labels, offset);
                }
                batch.add(image);
                inputs.add(p);
                masks.add(mask);
            }
            if (!inputs.isEmpty()) {
                evaluateBatch(model, planned, scored, batch, inputs, masks, labels, offset);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        write(methodSetups, metricSetups, images.size(), seconds);
        return summarize(seconds);
    }

    /** Explains and scores one batch of same-shape images; returns the next image offset (seeds). */
    private int evaluateBatch(ExplainableModel model, List<Planned> planned, List<Scored> scored, List<Path> batch,
            List<PreprocessedImage> inputs, List<FloatArray> masks, Labels labels, int offset) {
        FloatArray stacked = FloatArray.stack(inputs.stream().map(PreprocessedImage::input).toList());
        List<String> names = batch.stream().map(this::imageName).toList();
        boolean anyMask = masks.stream().anyMatch(java.util.Objects::nonNull);
        List<FloatArray> maskList = anyMask ? java.util.Collections.unmodifiableList(new ArrayList<>(masks)) : null;
        Set<Path> scoredHere = new HashSet<>();
        for (Planned method : planned) {
            List<Attribution> maps;
            try {
                maps = Explanations.explain(method.explainer(), model, stacked, List.of(run.target()), labels, imageSource());
            } catch (LoupeException e) {
                if (e.kind() == ErrorKind.INTERNAL) {
                    throw e;
                }
                batch.forEach(image -> fail(image, method.name(), e.getMessage()));
                continue;
            }
            int[] targets = maps.stream().mapToInt(Attribution::target).toArray();
            StringBuilder line = new StringBuilder();
            for (Scored metric : scored) {
                long t0 = System.nanoTime();
                try (Scope scope = model.openScope()) {
                    EvaluationContext context = new EvaluationContext(model, scope, stacked, targets, maps, method.explainer(),
                            imageSource(), maskList, spec.seed() + offset, run.batchSize(), Progress.NONE);
                    List<MetricScore> scores = metric.metric().evaluate(context);
                    table.add(method.name(), metric.name(), metric.provider().direction(), names, scores);
                    line.append(String.format(Locale.ROOT, "  %s %s", metric.name(), mean(scores)));
                } catch (LoupeException | IllegalArgumentException | IllegalStateException e) {
                    if (e instanceof LoupeException l && l.kind() == ErrorKind.INTERNAL) {
                        throw l;
                    }
                    batch.forEach(image -> fail(image, method.name() + " / " + metric.name(), e.getMessage()));
                }
                line.append(String.format(Locale.ROOT, " (%.1f s)", (System.nanoTime() - t0) / 1e9));
            }
            scoredHere.addAll(batch);
            out.printf("%d image(s) from %s  %-22s%s%n", batch.size(), names.get(0), method.name(), line);
            out.flush();
        }
        imagesScored += (int) scoredHere.stream().filter(p -> !failedImages.contains(p)).count();
        int next = offset + batch.size();
        batch.clear();
        inputs.clear();
        masks.clear();
        return next;
    }

    private static String mean(List<MetricScore> scores) {
        double[] v = scores.stream().filter(MetricScore::applies).mapToDouble(MetricScore::value).toArray();
        return v.length == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", Arrays.stream(v).average().orElse(Double.NaN));
    }

    private List<MethodSetup> validateMethods(ExplainerRegistry registry) {
        List<MethodSetup> setups = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (MethodRequest m : run.methods()) {
            if (!seen.add(m.name())) {
                throw new LoupeException(ErrorKind.USAGE, "Method '" + m.name() + "' is listed twice. List it once.");
            }
            ExplainerProvider provider = registry.get(m.name());
            Object layer = m.params().get(MethodLayers.LAYER);
            if (MethodLayers.isList(layer)) {
                throw new LoupeException(ErrorKind.USAGE, "Method '" + m.name() + "' names several layers (" + layer
                        + "); 'loupe evaluate' scores one map per method: give one layer, or list the method once per"
                        + " layer in separate runs.");
            }
            setups.add(new MethodSetup(m.name(), provider, provider.parameters().validate(m.name(), m.params()), m.params()));
        }
        return setups;
    }

    private List<MetricSetup> validateMetrics(MetricRegistry registry) {
        List<MetricSetup> setups = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (MethodRequest m : spec.metrics()) {
            if (!seen.add(m.name())) {
                throw new LoupeException(ErrorKind.USAGE, "Metric '" + m.name() + "' is listed twice. List it once.");
            }
            MetricProvider provider = registry.get(m.name());
            Parameters parameters = registry.validate(m.name(), m.params());
            // creating checks what a parameter spec cannot (ROAD's list of percentages); it needs no model
            provider.create(parameters);
            setups.add(new MetricSetup(m.name(), provider, parameters, m.params()));
        }
        return setups;
    }

    private void checkMasks() {
        if (spec.maskFolder() != null && !Files.isDirectory(spec.maskFolder())) {
            throw new LoupeException(ErrorKind.INPUT, "Mask folder " + spec.maskFolder() + " does not exist or is not a"
                    + " folder; give a folder with one mask per image under the image's file name.");
        }
        for (Map.Entry<String, Path> e : spec.maskFiles().entrySet()) {
            if (!Files.isRegularFile(e.getValue())) {
                throw new LoupeException(ErrorKind.INPUT, "Mask " + e.getValue() + " for image '" + e.getKey()
                        + "' does not exist.");
            }
        }
    }

    /** The image's mask, resized and cropped like the image, 1 on the object; null when it has none. */
    private FloatArray mask(Path image, PreprocessedImage input, ImageLoader loader) throws ImageReadException {
        String file = image.getFileName().toString();
        Path mask = spec.maskFiles().get(file);
        if (mask == null && spec.maskFolder() != null && Files.isRegularFile(spec.maskFolder().resolve(file))) {
            mask = spec.maskFolder().resolve(file);
        }
        if (mask == null) {
            return null;
        }
        RgbImage shown = run.preprocessor().apply(loader.load(mask)).display();
        long[] shape = input.input().shape();
        if (shown.height() != shape[1] || shown.width() != shape[2]) {
            throw new IllegalArgumentException("mask " + mask + " is " + shown.width() + "x" + shown.height()
                    + " after preprocessing, the image " + shape[2] + "x" + shape[1] + "; masks must have the image's size");
        }
        float[] rgb = shown.chw();
        float[] plane = Arrays.copyOf(rgb, (int) (shape[1] * shape[2]));
        return new FloatArray(plane, new long[] {shape[1], shape[2]});
    }

    private List<Path> listImages() {
        return RunImages.list(run.images());
    }

    private long[] inputShape(List<Path> images) {
        return RunImages.inputShape(run.preprocessor(), images);
    }

    private ImageSource imageSource() {
        return RunImages.imageSource(run.source(), run.preprocessor());
    }

    private String imageName(Path image) {
        return image.getFileName().toString();
    }

    private void fail(Path image, String where, String message) {
        failedImages.add(image);
        err.println("error: " + image + (where == null ? "" : " (" + where + ")") + ": " + message);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("image", image.toString());
        f.put("method", where);
        f.put("message", message);
        failures.add(f);
    }

    private void write(List<MethodSetup> methods, List<MetricSetup> metrics, int images, double seconds) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("model", run.model().toString());
        header.put("backend", run.backend());
        header.put("images", images);
        header.put("images_scored", imagesScored);
        header.put("target", run.target().toString());
        header.put("seed", spec.seed());
        header.put("batch_size", run.batchSize());
        header.put("masks", spec.maskFolder() == null ? null : spec.maskFolder().toString());
        header.put("wall_seconds", seconds);
        List<Map<String, Object>> methodList = new ArrayList<>();
        for (MethodSetup m : methods) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", m.name());
            entry.put("version", m.provider().version());
            entry.put("parameters", m.parameters().asMap());
            methodList.add(entry);
        }
        header.put("methods", methodList);
        List<Map<String, Object>> metricList = new ArrayList<>();
        for (MetricSetup m : metrics) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", m.name());
            entry.put("version", m.provider().version());
            entry.put("direction", m.provider().direction() == dev.loupe.core.evaluate.MetricDirection.HIGHER_IS_BETTER
                    ? "higher" : "lower");
            entry.put("description", m.provider().description());
            entry.put("parameters", m.parameters().asMap());
            metricList.add(entry);
        }
        header.put("metrics", metricList);
        try {
            EvaluationFiles.write(run.outputDir(), table, header, failures, spec.seed());
            // an explain report in the same folder gets the evaluation section
            if (HtmlReport.find(run.outputDir()).isPresent()) {
                HtmlReport.rebuild(run.outputDir());
            }
        } catch (IOException e) {
            throw new LoupeException(ErrorKind.INTERNAL, "Could not write the evaluation to " + run.outputDir() + ": "
                    + e.getMessage(), e);
        }
    }

    private int summarize(double seconds) {
        out.println();
        out.println("| method | metric | mean | 95 % interval | n |");
        out.println("|---|---|---|---|---|");
        for (EvaluationTable.Cell cell : table.cells()) {
            if (cell.skipped() != null) {
                out.printf("| %s | %s | skipped | | |%n", cell.method(), cell.metric());
                continue;
            }
            double[] v = cell.values();
            var ci = dev.loupe.cli.evaluate.Bootstrap.of(v, spec.seed());
            out.printf(Locale.ROOT, "| %s | %s | %.3f | %.3f - %.3f | %d |%n", cell.method(), cell.metric(), cell.mean(),
                    ci.low(), ci.high(), v.length);
        }
        out.printf(Locale.ROOT, "%d image(s) scored, %d failed, %.1f s; results in %s%n", imagesScored,
                failedImages.size(), seconds, run.outputDir().resolve("evaluation.json"));
        boolean skipped = table.cells().stream().anyMatch(c -> c.skipped() != null);
        if (failedImages.isEmpty() && !skipped) {
            return ExitCodes.OK;
        }
        return imagesScored == 0 && !failedImages.isEmpty() ? ExitCodes.INPUT : ExitCodes.PARTIAL;
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LoupeException(ErrorKind.INPUT, "Cannot create output folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
