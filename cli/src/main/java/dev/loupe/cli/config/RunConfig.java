package dev.loupe.cli.config;

import dev.loupe.core.stability.Internal;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@code loupe explain} run as its YAML config file describes it, fully bound and checked (see
 * {@link ConfigLoader}). Every relative path in the file ({@code model.path},
 * {@code model.labels}, {@code images}, {@code output.dir}) is resolved against the folder of the
 * CONFIG FILE, not the current directory, so a config file means the same from anywhere.
 *
 * <pre>{@code
 * model:
 *   path: ../fixtures/quickstart/shapes_cnn.pt   # required
 *   backend: auto            # auto (default) | a backend name such as djl
 *   device: cpu              # cpu (default) | gpu (= gpu:0) | gpu:N | auto
 *   labels: ../fixtures/quickstart/labels.txt    # optional, one label per line
 *   options: {}              # optional backend settings, string to string (djl takes none)
 * preprocess:                # optional
 *   resize: 96               # int (shorter side) or [height, width]
 *   center-crop: 96          # int or [height, width]
 *   mean: [0.485, 0.456, 0.406]
 *   std: [0.229, 0.224, 0.225]
 * images:                    # required, not empty: files and/or folders
 *   - ../fixtures/quickstart/images
 * target: top                # top (default) | class index | class label (needs model.labels)
 * methods:                   # required, not empty
 *   - name: saliency
 *   - name: grad-cam
 *     params:
 *       layer: features.13
 * output:
 *   dir: ../out/quickstart   # required
 * plugins: []               # optional: folders of plugin jars
 *   overlay-alpha: 0.5       # in [0, 1]
 *   colormap: jet
 *   report: false            # true: also the HTML report, <dir>/report/index.html
 * }</pre>
 *
 * @param preprocess never null: an absent section has every default
 * @param images     image files and folders, in file order, not empty
 * @param target     never null: {@code top} when absent
 * @param methods    not empty, in file order
 * @param plugins    folders whose jars add methods, metrics or backends (see {@code --plugins}); default none
 */
@Internal
public record RunConfig(
        ModelConfig model,
        @Default("{}") PreprocessConfig preprocess,
        @Length(min = 1) List<Path> images,
        @Default("top") TargetSpec target,
        @Length(min = 1) List<MethodConfig> methods,
        OutputConfig output,
        @Default("[]") List<Path> plugins) implements Validatable {

    public RunConfig {
        images = List.copyOf(images);
        methods = List.copyOf(methods);
        plugins = List.copyOf(plugins);
    }

    @Override
    public void validate(Validation validation) {
        if (target instanceof TargetSpec.Label label && model.labels() == null) {
            validation.error("target", "the class label '" + label.label()
                    + "' needs model.labels (a text file with one label per line); or give a class index or 'top'");
        }
    }
}
