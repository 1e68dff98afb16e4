package dev.loupe.cli.config;

import dev.loupe.core.model.Device;
import dev.loupe.core.stability.Internal;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code model:} section.
 *
 * @param path    the model file, or folder (a TensorFlow SavedModel); required; relative paths
 *                are resolved against the config file's folder
 * @param backend {@code auto} (the default: the backend that recognizes the model) or a backend's
 *                name such as {@code djl}; checked against the backends on the class path when
 *                the run starts, since backends are plugins
 * @param device  {@code cpu} (the default), {@code gpu} (= {@code gpu:0}), {@code gpu:N} or
 *                {@code auto} (see {@link Device#parse})
 * @param labels  a text file with one class label per line, or null; relative to the config
 *                file's folder
 * @param options backend settings, string to string (numbers are kept as written); empty when
 *                absent; checked against the chosen backend's option names when the run starts
 */
@Internal
public record ModelConfig(
        Path path,
        @Default("auto") String backend,
        @Default("cpu") Device device,
        @Nullable Path labels,
        @Default("{}") Map<String, String> options) {

    public ModelConfig {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
}
