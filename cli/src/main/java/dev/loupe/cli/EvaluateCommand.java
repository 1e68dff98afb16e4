package dev.loupe.cli;

import dev.loupe.cli.config.ConfigLoader;
import dev.loupe.cli.config.EvalConfig;
import dev.loupe.cli.config.MasksConfig;
import dev.loupe.cli.config.MetricConfig;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.render.image.Preprocessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loupe evaluate}: how faithful each method's maps are, and how well they find the object. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Explain every image with every method, score each map with every metric (see 'loupe metrics'),"
                + " and write OUT/evaluation.csv and OUT/evaluation.json (method x metric: mean, 95 %% bootstrap interval"
                + " over images, n, direction), OUT/per-image.csv, and OUT/curves/ (curve data as CSV, mean curves as PNG).",
                "Use --config FILE (an explain config plus metrics:, masks: and seed:), or --model, --image, --method,"
                        + " --metric and --out."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML evaluation file (see config-samples/evaluate.yaml).")
    private Path config;

    @Mixin
    private ModelFlags modelFlags;

    @Option(names = "--image", paramLabel = "PATH", split = ",", description = "Image files or folders (repeatable).")
    private List<Path> images = new ArrayList<>();

    @Option(names = "--method", paramLabel = "NAME", split = ",", description = "Methods to score (repeatable); see 'loupe methods'.")
    private List<String> methods = new ArrayList<>();

    @Option(names = "--metric", paramLabel = "NAME", split = ",", description = "Metrics (repeatable, default parameters); see 'loupe metrics'.")
    private List<String> metrics = new ArrayList<>();

    @Option(names = "--masks", paramLabel = "DIR", description = "Ground-truth masks, one per image under the image's file name.")
    private Path masks;

    @Option(names = "--target", paramLabel = "TARGET", description = "top (default), a class index, or a class label (needs --labels).")
    private String target;

    @Option(names = "--labels", paramLabel = "FILE", description = "Class labels, one per line in class-index order.")
    private Path labels;

    @Option(names = "--param", paramLabel = "KEY=VALUE",
            description = "A method parameter (repeatable), as for 'loupe explain': KEY or METHOD.KEY.")
    private Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--seed", paramLabel = "N", description = "Seed for ROAD's noise and the bootstrap (overrides the file's; default 0).")
    private Long seed;

    @Mixin
    private ModelOptionFlags modelOptions;

    @Option(names = "--batch-size", defaultValue = "8", paramLabel = "N",
            description = "Images per explanation pass, and perturbed images per forward pass (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (overrides output.dir of a config file).")
    private Path out;

    @Override
    public Integer call() {
        if (batchSize < 1) {
            throw new LoupeException(ErrorKind.USAGE, "--batch-size must be at least 1, got " + batchSize + ".");
        }
        EvalSpec evaluation = config != null ? fromConfig() : fromFlags();
        return new EvaluateRun(evaluation, spec.commandLine().getOut(), spec.commandLine().getErr()).execute();
    }

    private EvalSpec fromConfig() {
        if (modelFlags.anyGiven() || !images.isEmpty() || !methods.isEmpty() || !metrics.isEmpty() || masks != null
                || labels != null || target != null) {
            throw new LoupeException(ErrorKind.USAGE, "--config cannot be combined with --model, --image, --method,"
                    + " --metric, --masks, --target, --labels, --backend or --device; put those in the file."
                    + " --param, --seed, --model-option, --out and --batch-size do apply on top of a config file.");
        }
        EvalConfig loaded = ConfigLoader.load(config, EvalConfig.class);
        Plugins.install(loaded.plugins());
        RunSpec run = ConfigToRunSpec.convert(config, loaded.asRunConfig(), out,
                modelOptions.over(loaded.model().options()), batchSize);
        List<MethodRequest> metricRequests = loaded.metrics().stream()
                .map((MetricConfig m) -> new MethodRequest(m.name(), m.params())).toList();
        MasksConfig m = loaded.masks();
        return new EvalSpec(withParams(run), metricRequests, m == null ? null : m.folder(),
                m == null ? Map.of() : m.files(), seed != null ? seed : loaded.seed());
    }

    private EvalSpec fromFlags() {
        new RequiredFlags()
                .need("--model", modelFlags.model() != null)
                .need("--image", !images.isEmpty())
                .need("--method", !methods.isEmpty())
                .need("--metric", !metrics.isEmpty())
                .need("--out", out != null)
                .orFail("config-samples/evaluate.yaml");
        var defaults = dev.loupe.cli.config.PreprocessConfig.defaults();
        Preprocessor preprocessor = new Preprocessor(dev.loupe.render.image.Resize.none(), Optional.empty(),
                floats(defaults.mean()), floats(defaults.std()));
        List<MethodRequest> requests = methods.stream().map(m -> new MethodRequest(m.trim(), Map.of())).toList();
        RunSpec run = new RunSpec(null, modelFlags.model(), modelFlags.backend(), modelFlags.device(),
                modelOptions.values(), labels, preprocessor, images, ExplainCommand.targetOf(target), requests, out, 0.5, "jet",
                Rendering.defaults(), batchSize);
        List<MethodRequest> metricRequests = metrics.stream().map(m -> new MethodRequest(m.trim(), Map.of())).toList();
        return new EvalSpec(withParams(run), metricRequests, masks, Map.of(), seed == null ? 0 : seed);
    }

    private RunSpec withParams(RunSpec base) {
        List<MethodRequest> merged = ParamOverrides.apply(base.methods(), null, params);
        return new RunSpec(base.source(), base.model(), base.backend(), base.device(), base.modelOptions(), base.labels(),
                base.preprocessor(), base.images(), base.target(), merged, base.outputDir(), base.overlayAlpha(),
                base.colormap(), base.rendering(), base.batchSize());
    }

    private static float[] floats(List<Double> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }
}
