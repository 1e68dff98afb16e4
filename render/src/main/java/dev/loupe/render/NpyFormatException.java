package dev.loupe.render;

import dev.loupe.core.stability.Experimental;
import java.io.IOException;

/** A file that is not a .npy file {@link Npy} can read; the message says why and what to do. */
@Experimental
public final class NpyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    NpyFormatException(String message) {
        super(message);
    }
}
