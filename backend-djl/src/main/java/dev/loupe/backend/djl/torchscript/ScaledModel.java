package dev.loupe.backend.djl.torchscript;

import dev.loupe.core.stability.Internal;
import java.nio.file.Path;

/**
 * A TorchScript copy whose entry method runs the model with one module's output multiplied by a
 * factor (see {@link ScaleRewriter}): {@code methodName(factor, <forward's inputs>)} returns what
 * forward returns.
 *
 * @param layer the module path whose output is scaled
 */
@Internal
public record ScaledModel(Path file, String methodName, String layer) {

    /** The NDList element name that makes DJL's IValueUtils.forward run the entry method. */
    public String djlMethodMarker() {
        return "module_method:" + methodName;
    }
}
