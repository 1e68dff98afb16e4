package dev.loupe.cli;

import dev.loupe.core.model.Device;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model}, {@code --backend} and {@code --device}, for the commands that take a model by flags or by file. */
final class ModelFlags {

    @Option(names = "--model", paramLabel = "PATH", description = "The model: a TorchScript file (.pt) or a TensorFlow SavedModel folder.")
    private Path model;

    @Option(names = "--backend", paramLabel = "NAME", description = "auto (from the model file, default) or a backend name.")
    private String backend;

    @Option(names = "--device", paramLabel = "DEVICE", description = "cpu (default), gpu (= gpu:0), gpu:N or auto.")
    private Device device;

    /** The model file, or null when not given. */
    Path model() {
        return model;
    }

    String backend() {
        return backend == null ? "auto" : backend;
    }

    Device device() {
        return device == null ? Device.CPU : device;
    }

    /** Whether any of them was given: a config file says all three itself. */
    boolean anyGiven() {
        return model != null || backend != null || device != null;
    }
}
