package dev.loupe.core;

import dev.loupe.core.stability.Stable;

/**
 * The root of every error Loupe reports to a user. Each one says what is wrong and how to fix
 * it; its {@link ErrorKind} decides the command line's exit code.
 */
@Stable
public class LoupeException extends RuntimeException {

    private final ErrorKind kind;

    public LoupeException(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public LoupeException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }
}
