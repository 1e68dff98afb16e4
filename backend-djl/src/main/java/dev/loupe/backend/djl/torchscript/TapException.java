package dev.loupe.backend.djl.torchscript;

import dev.loupe.core.stability.Internal;

/** A requested tap cannot be built: the layer's output is not one Tensor, it is never called, and the like. */
@Internal
public class TapException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public TapException(String message) {
        super(message);
    }
}
