package dev.loupe.cli;

import dev.loupe.core.layer.LayerGroup;
import dev.loupe.core.layer.LayerInfo;
import dev.loupe.core.layer.LayerSelector;
import dev.loupe.core.model.Device;
import dev.loupe.core.model.ExplainableModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loupe layers}: the layer tree with types and output shapes, to pick a layer from. */
@Command(name = "layers", mixinStandardHelpOptions = true,
        description = "Print the model's layers (PyTorch module paths, TensorFlow name scopes), their types and"
                + " output shapes.")
final class LayersCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "PATH", description = "The model: a TorchScript file (.pt) or a TensorFlow SavedModel folder.")
    private Path model;

    @Option(names = "--input-size", defaultValue = "224", paramLabel = "SIZE",
            description = "Input size used to compute output shapes: SIZE, HxW or CxHxW (default: ${DEFAULT-VALUE}).")
    private String inputSize;

    @Option(names = "--backend", defaultValue = "auto", description = "Backend: auto (from the file) or a name.")
    private String backend;

    @Option(names = "--device", defaultValue = "cpu",
            description = "cpu, gpu (= gpu:0), gpu:N or auto (default: ${DEFAULT-VALUE}).")
    private Device device;

    @Mixin
    private ModelOptionFlags modelOptions;

    @Option(names = "--ops", description = "Also list the single graph ops inside the layers (TensorFlow models);"
            + " they can be named as layers too.")
    private boolean ops;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        InputSize size = InputSize.parse(inputSize);
        try (ExplainableModel opened = ModelOpener.open(model, backend, device, modelOptions.values(), size.shape())) {
            List<LayerInfo> layers = opened.layers();
            List<LayerInfo> shown = ops ? layers : layers.stream().filter(l -> !l.op()).toList();
            int width = shown.stream().mapToInt(l -> l.path().length() + 2 * l.depth()).max().orElse(10);
            out.printf("%-" + width + "s  %-20s  %s%n", "LAYER", "TYPE", "OUTPUT SHAPE (batch 1)");
            for (LayerInfo layer : shown) {
                String name = "  ".repeat(layer.depth()) + layer.path();
                String shape = layer.capturable() ? Arrays.toString(layer.outputShape()) : "(not a tensor)";
                out.printf("%-" + width + "s  %-20s  %s%n", name, layer.op() ? "op " + layer.type() : layer.type(), shape);
            }
            long hidden = layers.size() - shown.size();
            if (hidden > 0) {
                out.printf("%n%d single ops inside these layers can be named too; --ops lists them.%n", hidden);
            }
            String auto = autoLayer(layers);
            out.printf("%nlayer: auto picks '%s' for CAM methods.%n", auto);
            for (LayerGroup group : LayerGroup.values()) {
                out.printf("layer: %s selects %s%n", group.id(), groupLayers(group, layers));
            }
        }
        return ExitCodes.OK;
    }

    private static String groupLayers(LayerGroup group, List<LayerInfo> layers) {
        try {
            List<String> paths = group.select(layers).stream().map(LayerInfo::path).toList();
            return paths.size() + (paths.size() == 1 ? " layer: " : " layers: ") + String.join(", ", paths);
        } catch (RuntimeException e) {
            return "nothing: no layer fits its rule (" + group.rule() + ")";
        }
    }

    private static String autoLayer(List<LayerInfo> layers) {
        try {
            return new LayerSelector(layers).auto().path();
        } catch (RuntimeException e) {
            return "(none: " + e.getMessage() + ")";
        }
    }
}
