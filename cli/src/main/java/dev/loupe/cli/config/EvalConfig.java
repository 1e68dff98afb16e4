package dev.loupe.cli.config;

import dev.loupe.core.stability.Internal;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@code loupe evaluate} run as its YAML file describes it: an explain config ({@link RunConfig},
 * same keys, same rules, paths relative to the config file's folder) plus {@code metrics:}, optional
 * {@code masks:} and {@code seed:}.
 *
 * <pre>{@code
 * model:
 *   path: ../fixtures/quickstart/shapes_cnn.pt
 * images:
 *   - ../fixtures/quickstart/images
 * methods:
 *   - name: saliency
 *   - name: grad-cam
 * metrics:                   # required, not empty
 *   - name: deletion
 *     params: {steps: 20}
 *   - name: pointing-game
 * masks:                     # optional
 *   folder: ../fixtures/quickstart/masks
 * seed: 0                    # optional, default 0: ROAD's noise, randomised methods, the bootstrap
 * output:
 *   dir: ../out/evaluate     # evaluation.csv, evaluation.json, per-image.csv, curves/
 * }</pre>
 *
 * <p>The {@code output:} section is the explain one; only {@code dir} matters here (no heatmaps
 * are written).
 */
@Internal
public record EvalConfig(
        ModelConfig model,
        @Default("{}") PreprocessConfig preprocess,
        @Length(min = 1) List<Path> images,
        @Default("top") TargetSpec target,
        @Length(min = 1) List<MethodConfig> methods,
        @Length(min = 1) List<MetricConfig> metrics,
        @Nullable MasksConfig masks,
        @Default("0") long seed,
        OutputConfig output,
        @Default("[]") List<Path> plugins) implements Validatable {

    public EvalConfig {
        images = List.copyOf(images);
        methods = List.copyOf(methods);
        plugins = List.copyOf(plugins);
        metrics = List.copyOf(metrics);
    }

    /** The explain part of this file, to reuse explain's conversion. */
    public RunConfig asRunConfig() {
        return new RunConfig(model, preprocess, images, target, methods, output, plugins);
    }

    @Override
    public void validate(Validation validation) {
        asRunConfig().validate(validation);
    }
}
