package dev.loupe.cli;

import dev.loupe.bench.BareEngine;
import dev.loupe.bench.BareResult;
import dev.loupe.bench.BenchJson;
import dev.loupe.bench.BenchReport;
import dev.loupe.bench.BenchSettings;
import dev.loupe.bench.BenchTable;
import dev.loupe.bench.Benchmark;
import dev.loupe.bench.LoadAverage;
import dev.loupe.bench.MethodResult;
import dev.loupe.bench.djl.BareTorchScript;
import dev.loupe.bench.memory.MemoryProbe;
import dev.loupe.bench.memory.MemoryReport;
import dev.loupe.cli.config.ConfigLoader;
import dev.loupe.cli.config.MethodConfig;
import dev.loupe.cli.config.PreprocessConfig;
import dev.loupe.cli.config.RunConfig;
import dev.loupe.cli.config.Size;
import dev.loupe.cli.config.TargetSpec;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.ImageSource;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.explain.Target;
import dev.loupe.core.model.Device;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelDescription;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.image.ImageLoader;
import dev.loupe.render.image.ImageReadException;
import dev.loupe.render.image.ImageSize;
import dev.loupe.render.image.Preprocessor;
import dev.loupe.render.image.Resize;
import dev.loupe.render.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code loupe bench}: each method's seconds per image against its floor (the engine calls it
 * made, replayed back to back), and memory over many explanations. Prints a table and writes
 * OUT/bench.json. Inputs as for {@code loupe explain}: flags or a YAML run file.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time each method per image against its floor: the forward and backward passes it made,"
                + " replayed back to back through the same backend with no method code in between. Then run one"
                + " method many times and watch the process's memory (RSS, from /proc/self/status).",
                "Prints a table and writes OUT/bench.json. Use --model, --images and --out, or --config FILE"
                + " (a 'loupe explain' run file; its methods are benchmarked unless --method is given).",
                "Exit code 4: a method named with --method or in the config file could not run (see the table)."})
final class BenchCommand implements Callable<Integer> {

    /** Preferred method for the memory run when none is named. */
    static final String MEMORY_DEFAULT = "grad-cam";

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A 'loupe explain' YAML run file (model, preprocess, images, target, methods).")
    private Path config;

    @Option(names = "--model", paramLabel = "PATH", description = "The model: a TorchScript file (.pt) or a TensorFlow SavedModel folder.")
    private Path model;

    @Option(names = {"--images", "--image"}, paramLabel = "PATH", split = ",",
            description = "Image files or folders (repeatable); all must preprocess to one shape.")
    private List<Path> images = new ArrayList<>();

    @Option(names = "--method", paramLabel = "NAME", split = ",",
            description = "Methods to time (repeatable; default: every registered method, with default parameters).")
    private List<String> methods = new ArrayList<>();

    @Option(names = "--layer", paramLabel = "LAYER",
            description = "Sets the 'layer' parameter of every chosen method that has one.")
    private String layer;

    @Option(names = "--param", paramLabel = "KEY=VALUE",
            description = "A method parameter (repeatable); KEY applies to every chosen method that declares it, "
                    + "METHOD.KEY to one.")
    private Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--target", paramLabel = "TARGET",
            description = "top (default), a class index, or a class label (needs --labels).")
    private String target;

    @Option(names = "--labels", paramLabel = "FILE", description = "Class labels, one per line in class-index order.")
    private Path labels;

    @Option(names = "--input-size", paramLabel = "SIZE",
            description = "Resize images to SIZE (shorter side) or HxW first (default: keep their size).")
    private String inputSize;

    @Option(names = "--mean", split = ",", paramLabel = "R,G,B",
            description = "Normalisation mean (default ImageNet's).")
    private List<Double> mean;

    @Option(names = "--std", split = ",", paramLabel = "R,G,B", description = "Normalisation std (default ImageNet's).")
    private List<Double> std;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "auto (from the model file, default) or a backend name.")
    private String backend;

    @Option(names = "--device", paramLabel = "DEVICE", description = "cpu (default), gpu (= gpu:0), gpu:N or auto.")
    private Device device;

    @Mixin
    private ModelOptionFlags modelOptions;

    @Option(names = "--batch-size", defaultValue = "1", paramLabel = "N",
            description = "Images per explanation (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--rounds", defaultValue = "5", paramLabel = "N",
            description = "Timed rounds per method, each the method on every image and its floor, in alternating "
                    + "order (default: ${DEFAULT-VALUE}; 0: memory only).")
    private int rounds;

    @Option(names = "--min-round-seconds", defaultValue = "2", paramLabel = "S",
            description = "A round passes over the images as often as it takes the method to run S seconds, so "
                    + "fast methods are timed over many calls (default: ${DEFAULT-VALUE}).")
    private double minRoundSeconds;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "N",
            description = "Rounds run first and discarded (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--memory", defaultValue = "1000", paramLabel = "N",
            description = "Explanations in the memory run (default: ${DEFAULT-VALUE}; 0: none).")
    private long memory;

    @Option(names = "--memory-method", paramLabel = "NAME",
            description = "Method of the memory run (default: " + MEMORY_DEFAULT + " if it is among the methods "
                    + "and ran, else the first that ran).")
    private String memoryMethod;

    @Option(names = "--memory-every", paramLabel = "K",
            description = "Sample memory every K explanations (default: N / 100, at least 1).")
    private Long memoryEvery;

    @Option(names = "--no-bare", negatable = false,
            description = "Skip the bare-engine reference (the unmodified file straight through DJL).")
    private boolean noBare;

    @Option(names = "--floor-inputs", defaultValue = "recorded", paramLabel = "WHAT",
            description = "What the floor's passes run on: recorded (the method's own input values, default) or "
                    + "random (standard normal values of the same shapes).")
    private BenchSettings.FloorInputs floorInputs;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of the floor's random inputs (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = {"--out", "--output"}, paramLabel = "DIR",
            description = "Folder for bench.json (overrides output.dir of a config file).")
    private Path out;

    /** What to run, from flags or from a config file. */
    private record Plan(Path source, Path model, String backend, Device device, Map<String, String> modelOptions,
            Path labels, Preprocessor preprocessor, List<Path> images, Target target, List<MethodRequest> methods,
            boolean explicitMethods, Path outputDir) {
    }

    @Override
    public Integer call() {
        checkNumbers();
        Plan plan = config != null ? fromConfig() : fromFlags();
        ExplainerRegistry registry = ExplainerRegistry.load();
        validate(registry, plan);
        Labels labelNames = LabelsFile.read(plan.labels());
        if (plan.target() instanceof Target.ClassLabel label) {
            labelNames.indexOf(label.label());
        }
        List<FloatArray> inputs = preprocess(plan);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();

        long loadStart = System.nanoTime();
        long[] inputShape = inputs.get(0).shape();
        try (ExplainableModel opened = ModelOpener.open(plan.model(), plan.backend(), plan.device(), plan.modelOptions(),
                inputShape)) {
            double loadSeconds = seconds(loadStart);
            checkTarget(plan.target(), opened);
            mkdirs(plan.outputDir());
            long start = System.nanoTime();
            double loadBefore = LoadAverage.now();
            ModelDescription d = opened.description();
            stderr.printf("bench: %s (%s, %s), %d image(s) %s, %d method(s), %d round(s) after %d warm-up%n",
                    plan.model().getFileName(), d.backend(), d.device(), inputs.size(),
                    shape(inputs.get(0).shape()), plan.methods().size(), rounds, warmup);
            stderr.flush();
            Benchmark bench = new Benchmark(registry, opened, inputs, plan.target(), labelNames, imageSource(plan),
                    new BenchSettings(warmup, rounds, minRoundSeconds, batchSize, seed, floorInputs), stderr);

            List<MethodResult> results = new ArrayList<>();
            for (MethodRequest m : rounds > 0 ? plan.methods() : List.<MethodRequest>of()) {
                results.add(bench.time(m.name(), m.params()));
            }
            if (rounds > 0 && results.stream().noneMatch(MethodResult::timed)) {
                StringBuilder why = new StringBuilder();
                results.forEach(r -> why.append("\n  ").append(r.name()).append(": ").append(r.skipped()));
                throw new LoupeException(ErrorKind.INPUT, "None of the methods could run on " + plan.model() + ":"
                        + why);
            }
            BareResult bare = rounds > 0 ? bare(bench, opened, plan, stderr) : null;
            MemoryReport memoryReport = memoryRun(bench, registry, plan, results);

            BenchReport report = new BenchReport(runInfo(plan, d, loadSeconds), bench.settings(), inputs.size(),
                    inputs.get(0).shape(), results, bare, memoryReport,
                    new LoadAverage(loadBefore, LoadAverage.now()), seconds(start));
            Path json = plan.outputDir().resolve("bench.json");
            write(json, BenchJson.toJson(report));
            stdout.printf("loupe bench: %s (%s, %s)%n", plan.model(), d.backend(), d.device());
            stdout.print(BenchTable.format(report));
            stdout.printf("%.0f s in all (model loading %.1f s excluded); results in %s%n", report.seconds(), loadSeconds,
                    json);
            boolean missed = plan.explicitMethods() && results.stream().anyMatch(r -> r.skipped() != null);
            return missed ? ExitCodes.PARTIAL : ExitCodes.OK;
        }
    }

    private void checkNumbers() {
        if (batchSize < 1) {
            throw usage("--batch-size must be at least 1, got " + batchSize + ".");
        }
        if (!(minRoundSeconds >= 0)) {
            throw usage("--min-round-seconds must be 0 or more, got " + minRoundSeconds + ".");
        }
        if (rounds < 0 || warmup < 0) {
            throw usage("--rounds and --warmup must be 0 or more, got " + rounds + " and " + warmup + ".");
        }
        if (memory < 0) {
            throw usage("--memory must be 0 (no memory run) or more, got " + memory + ".");
        }
        if (memoryEvery != null && memoryEvery < 1) {
            throw usage("--memory-every must be at least 1, got " + memoryEvery + ".");
        }
        if (rounds == 0 && memory == 0) {
            throw usage("--rounds 0 and --memory 0 leave nothing to measure.");
        }
    }

    private Plan fromConfig() {
        if (model != null || !images.isEmpty() || labels != null || inputSize != null || mean != null || std != null
                || target != null || backend != null || device != null) {
            throw usage("--config cannot be combined with --model, --images, --target, --labels, --input-size, --mean,"
                    + " --std, --backend or --device; put those in the file. --method, --layer, --param,"
                    + " --model-option and --out do apply on top of a config file.");
        }
        RunConfig loaded = ConfigLoader.load(config);
        List<MethodRequest> requests = methods.isEmpty()
                ? loaded.methods().stream().map((MethodConfig m) -> new MethodRequest(m.name(), m.params())).toList()
                : requests(methods);
        return new Plan(config, loaded.model().path(), loaded.model().backend(), loaded.model().device(),
                modelOptions.over(loaded.model().options()), loaded.model().labels(),
                ConfigToRunSpec.preprocessor(loaded.preprocess()), loaded.images(),
                loaded.target().toTarget(), ParamOverrides.apply(requests, layer, params), true,
                out != null ? out : loaded.output().dir());
    }

    private Plan fromFlags() {
        List<String> missing = new ArrayList<>();
        if (model == null) {
            missing.add("--model");
        }
        if (images.isEmpty()) {
            missing.add("--images");
        }
        if (out == null) {
            missing.add("--out");
        }
        if (!missing.isEmpty()) {
            throw usage("Missing " + String.join(", ", missing) + ". Give them, or a YAML run file with --config"
                    + " (e.g. config-samples/quickstart.yaml).");
        }
        PreprocessConfig defaults = PreprocessConfig.defaults();
        Preprocessor preprocessor = new Preprocessor(
                inputSize == null ? Resize.none() : ConfigToRunSpec.toResize(sizeOf(inputSize)),
                Optional.<ImageSize>empty(),
                floats(mean != null ? mean : defaults.mean(), "--mean"),
                floats(std != null ? std : defaults.std(), "--std"));
        boolean explicit = !methods.isEmpty();
        List<MethodRequest> requests = explicit ? requests(methods)
                : ExplainerRegistry.load().all().stream().map(p -> new MethodRequest(p.name(), Map.of())).toList();
        return new Plan(null, model, backend == null ? "auto" : backend, device == null ? Device.CPU : device,
                modelOptions.values(), labels, preprocessor, images, targetOf(target),
                ParamOverrides.apply(requests, layer, params), explicit, out);
    }

    private static List<MethodRequest> requests(List<String> names) {
        return names.stream().map(n -> new MethodRequest(n.trim(), Map.of())).toList();
    }

    /** Unknown methods, duplicates and bad parameters are usage errors, found before the model loads. */
    private void validate(ExplainerRegistry registry, Plan plan) {
        Set<String> seen = new HashSet<>();
        for (MethodRequest m : plan.methods()) {
            if (!seen.add(m.name())) {
                throw usage("Method '" + m.name() + "' is listed twice. List it once.");
            }
            ExplainerProvider provider = registry.get(m.name());
            provider.parameters().validate(m.name(), m.params());
        }
        if (memoryMethod != null) {
            registry.get(memoryMethod);
        }
    }

    private List<FloatArray> preprocess(Plan plan) {
        List<Path> files = new ArrayList<>();
        try {
            for (Path p : plan.images()) {
                files.addAll(ImageLoader.listImages(p));
            }
        } catch (ImageReadException e) {
            throw new LoupeException(ErrorKind.INPUT, e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new LoupeException(ErrorKind.INPUT, "No images found in " + plan.images() + "; supported suffixes: "
                    + ImageLoader.supportedSuffixes() + ".");
        }
        ImageLoader loader = new ImageLoader();
        List<FloatArray> result = new ArrayList<>();
        for (Path file : files) {
            FloatArray input;
            try {
                input = plan.preprocessor().apply(loader.load(file)).input();
            } catch (ImageReadException e) {
                throw new LoupeException(ErrorKind.INPUT, "Cannot benchmark on " + file + ": " + e.getMessage()
                        + " Remove it from the image set.", e);
            }
            if (!result.isEmpty() && !Arrays.equals(result.get(0).shape(), input.shape())) {
                throw new LoupeException(ErrorKind.INPUT, "Images must all have one size after preprocessing: "
                        + files.get(0).getFileName() + " is " + shape(result.get(0).shape()) + ", " + file.getFileName()
                        + " is " + shape(input.shape()) + ". Give --input-size HxW (or resize and center-crop in the"
                        + " config).");
            }
            result.add(input);
        }
        return result;
    }

    private static void checkTarget(Target target, ExplainableModel model) {
        int classes = model.description().classCount();
        if (target instanceof Target.ClassIndex index && index.index() >= classes) {
            throw new LoupeException(ErrorKind.INPUT, "Target class " + index.index() + " is out of range: the model has "
                    + classes + " classes (0.." + (classes - 1) + ").");
        }
    }

    private ImageSource imageSource(Plan plan) {
        Path base = plan.source() == null ? Path.of("") : plan.source().toAbsolutePath().getParent();
        ImageLoader loader = new ImageLoader();
        return file -> {
            try {
                return plan.preprocessor().apply(loader.load(base.resolve(file))).input();
            } catch (ImageReadException e) {
                throw new LoupeException(ErrorKind.INPUT, e.getMessage(), e);
            }
        };
    }

    /** The unmodified file straight through DJL, for TorchScript models on the CPU; a failure only warns. */
    private BareResult bare(Benchmark bench, ExplainableModel opened, Plan plan, PrintWriter stderr) {
        ModelDescription d = opened.description();
        if (noBare || !"djl".equals(d.backend()) || !d.device().startsWith("cpu")) {
            return null;
        }
        try (BareEngine engine = BareTorchScript.open(plan.model())) {
            return bench.timeBare(engine);
        } catch (RuntimeException e) {
            stderr.println("warning: the bare-engine reference could not run: " + e.getMessage());
            return null;
        }
    }

    private MemoryReport memoryRun(Benchmark bench, ExplainerRegistry registry, Plan plan, List<MethodResult> results) {
        if (memory == 0) {
            return null;
        }
        String chosen = memoryMethod;
        if (chosen == null) {
            List<String> ran = rounds == 0 ? plan.methods().stream().map(MethodRequest::name).toList()
                    : results.stream().filter(r -> r.skipped() == null).map(MethodResult::name).toList();
            if (ran.isEmpty()) {
                return null;
            }
            chosen = ran.contains(MEMORY_DEFAULT) ? MEMORY_DEFAULT : ran.get(0);
        }
        String name = chosen;
        Map<String, Object> parameters = plan.methods().stream().filter(m -> m.name().equals(name)).findFirst()
                .map(MethodRequest::params).orElse(Map.of());
        long every = memoryEvery != null ? memoryEvery : Math.max(1, memory / 100);
        return bench.memory(name, parameters, memory, every, MemoryProbe.process(true));
    }

    private Map<String, Object> runInfo(Plan plan, ModelDescription d, double loadSeconds) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("loupe", VersionProvider.version());
        run.put("created", Instant.now().toString());
        run.put("config", plan.source() == null ? null : plan.source().toString());
        run.put("model", RunRecord.modelJson(d, plan.device(), plan.modelOptions(), loadSeconds));
        Map<String, Object> pre = new LinkedHashMap<>();
        pre.put("resize", plan.preprocessor().resize().toString());
        pre.put("center_crop", plan.preprocessor().centerCrop().map(Object::toString).orElse(null));
        pre.put("mean", plan.preprocessor().mean());
        pre.put("std", plan.preprocessor().std());
        run.put("preprocess", pre);
        run.put("images", plan.images().stream().map(Path::toString).toList());
        run.put("target", plan.target().toString());
        return run;
    }

    private static void write(Path file, String text) {
        try {
            AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new LoupeException(ErrorKind.INTERNAL, "Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LoupeException(ErrorKind.INPUT, "Cannot create output folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Target targetOf(String text) {
        if (text == null || text.isBlank()) {
            return Target.top();
        }
        String t = text.trim();
        return t.matches("\\d+") ? TargetSpec.index(Integer.parseInt(t)).toTarget() : TargetSpec.parse(t).toTarget();
    }

    private static Size sizeOf(String text) {
        InputSize size = InputSize.parse(text);
        return text.contains("x") ? Size.of((int) size.height(), (int) size.width()) : Size.of((int) size.height());
    }

    private static float[] floats(List<Double> values, String flag) {
        if (values.size() != 3) {
            throw usage(flag + " needs 3 comma-separated numbers (R,G,B), got " + values.size() + ".");
        }
        float[] result = new float[3];
        for (int i = 0; i < 3; i++) {
            result[i] = values.get(i).floatValue();
            if (flag.equals("--std") && !(result[i] > 0)) {
                throw usage("--std values must be > 0, got " + values + ".");
            }
        }
        return result;
    }

    private static String shape(long[] shape) {
        StringBuilder s = new StringBuilder();
        for (long d : shape) {
            s.append(s.length() == 0 ? "" : "x").append(d);
        }
        return s.toString();
    }

    private static LoupeException usage(String message) {
        return new LoupeException(ErrorKind.USAGE, message);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
