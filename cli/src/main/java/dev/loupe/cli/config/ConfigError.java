package dev.loupe.cli.config;

import dev.loupe.core.stability.Internal;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * One problem in a config file. {@code line} and {@code column} are 1-based; 0 when the problem
 * has no position (the file cannot be read). {@code path} is the YAML path of the value, in the
 * file's own key names ({@code "model.device"}, {@code "methods[1].params"}), or {@code ""} for
 * the whole file.
 */
@Internal
public record ConfigError(Path file, int line, int column, String path, String message) {

    /** By position in the file; errors without a position first. */
    public static final Comparator<ConfigError> BY_POSITION =
            Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column);

    public ConfigError {
        path = path == null ? "" : path;
    }

    /**
     * {@code file:line:column: path: message}; the position is left out when there is none, the
     * path when it is empty: {@code run.yaml:4:11: model.device: unknown value 'gpus', did you
     * mean 'gpu'? (valid values: cpu, gpu, auto)}.
     */
    public String render() {
        StringBuilder out = new StringBuilder().append(file);
        if (line > 0) {
            out.append(':').append(line).append(':').append(column);
        }
        out.append(": ");
        if (!path.isEmpty()) {
            out.append(path).append(": ");
        }
        return out.append(message).toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
