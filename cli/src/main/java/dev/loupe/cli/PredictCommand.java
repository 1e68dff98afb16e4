package dev.loupe.cli;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.model.Device;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.Scope;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.image.ImageLoader;
import dev.loupe.render.image.ImageReadException;
import dev.loupe.render.image.PreprocessedImage;
import dev.loupe.render.image.Preprocessor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loupe predict}: each image's top classes, with softmax probabilities and logits. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print each image's K most probable classes: softmax probability (in double, from the logits)"
                + " and logit, labelled when --labels is given. A table, or one JSON document with --json.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every image predicted",
            "1:internal error (a bug)",
            "2:bad usage",
            "3:bad model or labels file, or no readable image",
            "4:finished, but some images failed (on stderr; in the JSON under failures)"})
final class PredictCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "PATH",
            description = "The model: a TorchScript file (.pt) or a TensorFlow SavedModel folder.")
    private Path model;

    @Option(names = "--image", required = true, paramLabel = "PATH", split = ",",
            description = "Image files or folders (non-recursive; repeatable).")
    private List<Path> images = new ArrayList<>();

    @Option(names = "--labels", paramLabel = "FILE",
            description = "Class labels: text, one per line in class-index order, or JSON (a list, or an object keyed by class index).")
    private Path labels;

    @Option(names = "--top", defaultValue = "5", paramLabel = "K",
            description = "How many classes per image (default: ${DEFAULT-VALUE}; at most the model's class count).")
    private int top;

    @Option(names = "--json", description = "Print one JSON document instead of a table.")
    private boolean json;

    @Mixin
    private PreprocessFlags preprocess;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "NAME",
            description = "auto (from the model file, default) or a backend name.")
    private String backend;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE",
            description = "cpu (default), gpu (= gpu:0), gpu:N or auto.")
    private Device device;

    @Mixin
    private ModelOptionFlags modelOptions;

    @Override
    public Integer call() {
        if (top < 1) {
            throw new LoupeException(ErrorKind.USAGE, "--top must be at least 1, got " + top + ".");
        }
        PrintWriter err = spec.commandLine().getErr();
        // everything that can fail without the model is checked first: a typo must not cost a model load
        Preprocessor preprocessor = preprocess.preprocessor();
        List<Path> files = ImageFiles.list(images);
        Labels names = LabelsFile.read(labels);
        ImageLoader loader = new ImageLoader();
        PreprocessedImage first = ImageFiles.firstReadable(files, loader, preprocessor);
        long[] shape = {3, first.display().height(), first.display().width()};
        try (ExplainableModel opened = ModelOpener.open(model, backend, device, modelOptions.values(), shape)) {
            int classes = opened.description().classCount();
            String mismatch = LabelsFile.countMismatch(labels, names, classes);
            if (mismatch != null) {
                err.println("warning: " + mismatch);
            }
            PredictionReport report = json
                    ? PredictionReport.json(spec.commandLine().getOut(), opened.description(), names)
                    : PredictionReport.table(spec.commandLine().getOut(), names, files);
            int failed = 0;
            for (Path file : files) {
                try {
                    PreprocessedImage image = preprocessor.apply(loader.load(file));
                    image.display().warnings().forEach(w -> err.println("warning: " + file + ": " + w));
                    report.image(file, Prediction.of(logits(opened, image, classes), top));
                } catch (ImageReadException | LoupeException e) {
                    if (e instanceof LoupeException l && l.kind() == ErrorKind.INTERNAL) {
                        throw l;
                    }
                    // one bad image must not cost the others
                    err.println("error: " + file + ": " + e.getMessage());
                    report.failure(file, e.getMessage());
                    failed++;
                }
            }
            report.finish();
            if (failed == 0) {
                return ExitCodes.OK;
            }
            return failed == files.size() ? ExitCodes.INPUT : ExitCodes.PARTIAL;
        }
    }

    /** One forward pass at batch 1: images may differ in size, and no gradient is needed. */
    static float[] logits(ExplainableModel model, PreprocessedImage image, int classes) {
        FloatArray input = FloatArray.stack(List.of(image.input()));
        try (Scope scope = model.openScope()) {
            float[] logits = scope.forward(scope.upload(input), HookSpec.none()).logits().toHost().data();
            if (logits.length != classes) {
                throw new LoupeException(ErrorKind.INPUT, "the model returned " + logits.length + " scores, expected "
                        + classes + " (one per class).");
            }
            for (float l : logits) {
                if (!Float.isFinite(l)) {
                    throw new LoupeException(ErrorKind.INPUT, "the model returned a non-finite logit (" + l
                            + "); check the preprocessing (--mean, --std, --input-size).");
                }
            }
            return logits;
        }
    }
}
