package dev.loupe.cli.config;

import dev.loupe.core.model.Device;
import java.nio.file.Path;

/**
 * The {@code model:} section.
 *
 * @param path    the model file; required; relative paths are resolved against the config
 *                file's folder
 * @param backend {@code auto} (the default: the backend that recognizes the file) or a backend's
 *                name such as {@code djl}; checked against the backends on the class path when
 *                the run starts, since backends are plugins
 * @param device  {@code cpu} (the default), {@code gpu} or {@code auto}
 * @param labels  a text file with one class label per line, or null; relative to the config
 *                file's folder
 */
public record ModelConfig(
        Path path,
        @Default("auto") String backend,
        @Default("cpu") Device device,
        @Nullable Path labels) {
}
