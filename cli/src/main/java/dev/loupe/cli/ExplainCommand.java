package dev.loupe.cli;

import dev.loupe.cli.config.ConfigLoader;
import dev.loupe.cli.config.PreprocessConfig;
import dev.loupe.cli.config.RunConfig;
import dev.loupe.cli.config.Size;
import dev.loupe.cli.config.TargetSpec;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.layer.LayerGroup;
import dev.loupe.render.image.ImageSize;
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

/** {@code loupe explain}: attribution maps for images, from flags or a YAML config file. */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compute attribution maps and write, per image and method, OUT/<image>/<method>.npy"
                + " (raw map) and .png (heatmap over the image), plus OUT/run.json (provenance);"
                + " with --report also the HTML report, OUT/report/index.html.",
                "Use --config FILE, or --model, --image, --method and --out."})
final class ExplainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML run file (see config-samples/).")
    private Path config;

    @Mixin
    private ModelFlags modelFlags;

    @Option(names = "--image", paramLabel = "PATH", split = ",", description = "Image files or folders (repeatable).")
    private List<Path> images = new ArrayList<>();

    @Option(names = "--method", paramLabel = "NAME", split = ",", description = "Methods to run (repeatable); see 'loupe methods'.")
    private List<String> methods = new ArrayList<>();

    @Option(names = "--layer", paramLabel = "LAYER", split = ",",
            description = {"Layers for layer methods such as grad-cam (sets their 'layer' parameter):",
                "  a layer ('layer4', 'features.28', 'auto'; 'loupe layers' lists them);",
                "  several ('layer3,layer4', or the option repeated): a map per layer,"
                        + " OUT/<image>/<method>@<layer>.npy and .png, and their combination as pytorch-grad-cam"
                        + " averages layers, <method>@combined.npy and .png;",
                "  all-conv: " + LayerGroup.ALL_CONV_RULE + ";",
                "  all-blocks: " + LayerGroup.ALL_BLOCKS_RULE + ".",
                "  A group gives a map per layer (<method>@<layer>.npy) and one figure per image,"
                        + " <method>@grid.png: the image, then each layer's heatmap, captioned, in module order."})
    private List<String> layers = new ArrayList<>();

    @Option(names = "--target", paramLabel = "TARGET", description = "top (default), a class index, or a class label (needs --labels).")
    private String target;

    @Option(names = "--param", paramLabel = "KEY=VALUE",
            description = "A method parameter (repeatable); KEY applies to every chosen method that declares it,"
                    + " METHOD.KEY to one method.")
    private Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--labels", paramLabel = "FILE", description = "Class labels, one per line in class-index order.")
    private Path labels;

    @Option(names = "--input-size", paramLabel = "SIZE", description = "Resize images to SIZE or HxW first (default: keep their size).")
    private String inputSize;

    @Option(names = "--mean", split = ",", paramLabel = "R,G,B", description = "Normalisation mean (default ImageNet's).")
    private List<Double> mean;

    @Option(names = "--std", split = ",", paramLabel = "R,G,B", description = "Normalisation std (default ImageNet's).")
    private List<Double> std;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar on a terminal, else a line every 10 s), bar, lines or off (default: ${DEFAULT-VALUE}).")
    private ProgressBar.Mode progress;

    @Mixin
    private ModelOptionFlags modelOptions;

    @Option(names = "--batch-size", defaultValue = "8", paramLabel = "N", description = "Images per forward/backward pass (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (overrides output.dir of a config file).")
    private Path out;

    @Option(names = "--report", description = "Also write the HTML report, OUT/report/index.html (as output.report: true).")
    private boolean report;

    @Override
    public Integer call() {
        if (batchSize < 1) {
            throw new LoupeException(ErrorKind.USAGE, "--batch-size must be at least 1, got " + batchSize + ".");
        }
        RunSpec run = config != null ? fromConfig() : fromFlags();
        return new ExplainRun(run, spec.commandLine().getOut(), spec.commandLine().getErr(), progress).execute();
    }

    private RunSpec fromConfig() {
        if (modelFlags.anyGiven() || !images.isEmpty() || !methods.isEmpty() || labels != null || inputSize != null
                || mean != null || std != null || target != null) {
            throw new LoupeException(ErrorKind.USAGE, "--config cannot be combined with --model, --image, --method,"
                    + " --target, --labels, --input-size, --mean, --std, --backend or --device; put those in the file."
                    + " --layer, --param, --model-option, --out, --batch-size and --report do apply on top of a config file.");
        }
        RunConfig loaded = ConfigLoader.load(config);
        Plugins.install(loaded.plugins());
        RunSpec base = ConfigToRunSpec.convert(config, loaded, out, modelOptions.over(loaded.model().options()), batchSize);
        return withOverrides(base);
    }

    private RunSpec fromFlags() {
        new RequiredFlags()
                .need("--model", modelFlags.model() != null)
                .need("--image", !images.isEmpty())
                .need("--method", !methods.isEmpty())
                .need("--out", out != null)
                .orFail("config-samples/quickstart.yaml");
        PreprocessConfig defaults = PreprocessConfig.defaults();
        Preprocessor preprocessor = new Preprocessor(
                inputSize == null ? dev.loupe.render.image.Resize.none() : ConfigToRunSpec.toResize(sizeOf(inputSize)),
                Optional.<ImageSize>empty(),
                floats(mean != null ? mean : defaults.mean(), "--mean"),
                floats(std != null ? std : defaults.std(), "--std"));
        List<MethodRequest> requests = methods.stream().map(m -> new MethodRequest(m.trim(), Map.of())).toList();
        RunSpec base = new RunSpec(null, modelFlags.model(), modelFlags.backend(), modelFlags.device(),
                modelOptions.values(), labels, preprocessor, images, targetOf(target), requests,
                out, 0.5, "jet", Rendering.defaults(), batchSize);
        return withOverrides(base);
    }

    private RunSpec withOverrides(RunSpec base) {
        Object layer = layers.isEmpty() ? null : layers.size() == 1 ? layers.get(0) : List.copyOf(layers);
        List<MethodRequest> merged = ParamOverrides.apply(base.methods(), layer, params);
        return new RunSpec(base.source(), base.model(), base.backend(), base.device(), base.modelOptions(), base.labels(),
                base.preprocessor(), base.images(), base.target(), merged, base.outputDir(), base.overlayAlpha(),
                base.colormap(), base.rendering(), base.batchSize()).withReport(base.report() || report);
    }

    static dev.loupe.core.explain.Target targetOf(String text) {
        if (text == null || text.isBlank()) {
            return dev.loupe.core.explain.Target.top();
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
            throw new LoupeException(ErrorKind.USAGE, flag + " needs 3 comma-separated numbers (R,G,B), got " + values.size() + ".");
        }
        float[] out = new float[3];
        for (int i = 0; i < 3; i++) {
            out[i] = values.get(i).floatValue();
            if (flag.equals("--std") && !(out[i] > 0)) {
                throw new LoupeException(ErrorKind.USAGE, "--std values must be > 0, got " + values + ".");
            }
        }
        return out;
    }
}
