package dev.loupe.cli.config;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.stability.Internal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A config file that cannot be used, with ALL its problems, sorted by position. The message is
 * one line per problem, each {@code file:line:column: path: message} (see
 * {@link ConfigError#render()}). A {@link ErrorKind#USAGE} error.
 */
@Internal
public final class ConfigException extends LoupeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        this(sorted(errors), true);
    }

    private ConfigException(List<ConfigError> sorted, boolean unused) {
        super(ErrorKind.USAGE, render(sorted));
        this.errors = sorted;
    }

    /** The problems, sorted by position (stable: same position keeps the order found). */
    public List<ConfigError> errors() {
        return errors;
    }

    private static List<ConfigError> sorted(List<ConfigError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        List<ConfigError> copy = new ArrayList<>(errors);
        copy.sort(ConfigError.BY_POSITION);
        return List.copyOf(copy);
    }

    private static String render(List<ConfigError> errors) {
        return errors.stream().map(ConfigError::render).collect(Collectors.joining("\n"));
    }
}
