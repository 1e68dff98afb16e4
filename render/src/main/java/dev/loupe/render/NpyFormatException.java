package dev.loupe.render;

import java.io.IOException;

/** A file that is not a .npy file {@link Npy} can read; the message says why and what to do. */
public final class NpyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    NpyFormatException(String message) {
        super(message);
    }
}
