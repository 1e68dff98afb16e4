package dev.loupe.cli;

import dev.loupe.cli.config.PreprocessConfig;
import dev.loupe.cli.config.Size;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.render.image.ImageSize;
import dev.loupe.render.image.Preprocessor;
import dev.loupe.render.image.Resize;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --input-size}, {@code --mean}, {@code --std}: the preprocessing of a command run from flags. */
final class PreprocessFlags {

    @Option(names = "--input-size", paramLabel = "SIZE", description = "Resize images to SIZE (shorter side) or HxW first"
            + " (default: keep their size).")
    private String inputSize;

    @Option(names = "--mean", split = ",", paramLabel = "R,G,B", description = "Normalisation mean (default ImageNet's).")
    private List<Double> mean;

    @Option(names = "--std", split = ",", paramLabel = "R,G,B", description = "Normalisation std (default ImageNet's).")
    private List<Double> std;

    Preprocessor preprocessor() {
        PreprocessConfig defaults = PreprocessConfig.defaults();
        return new Preprocessor(inputSize == null ? Resize.none() : ConfigToRunSpec.toResize(size(inputSize)),
                Optional.<ImageSize>empty(),
                floats(mean != null ? mean : defaults.mean(), "--mean"),
                floats(std != null ? std : defaults.std(), "--std"));
    }

    private static Size size(String text) {
        InputSize size = InputSize.parse(text);
        if (text.toLowerCase().split("x").length > 2) {
            throw new LoupeException(ErrorKind.USAGE, "--input-size takes SIZE or HEIGHTxWIDTH, got '" + text + "'.");
        }
        return text.toLowerCase().contains("x") ? Size.of((int) size.height(), (int) size.width()) : Size.of((int) size.height());
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
