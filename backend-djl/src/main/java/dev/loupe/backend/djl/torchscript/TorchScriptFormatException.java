package dev.loupe.backend.djl.torchscript;

import dev.loupe.core.stability.Internal;

/** The file is not a TorchScript archive, or its code/ source is not in the form torch.jit.save prints. */
@Internal
public class TorchScriptFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public TorchScriptFormatException(String message) {
        super(message);
    }

    public TorchScriptFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
