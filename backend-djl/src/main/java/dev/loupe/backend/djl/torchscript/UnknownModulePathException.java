package dev.loupe.backend.djl.torchscript;

import dev.loupe.core.stability.Internal;
import java.util.List;

/** A tap was requested for a module path the model does not have. */
@Internal
public class UnknownModulePathException extends TapException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final List<String> suggestions;

    public UnknownModulePathException(String path, List<String> suggestions) {
        this(path, suggestions, suggestions.isEmpty()
                ? " List the model's layers to see the valid paths."
                : " Did you mean " + String.join(" or ", suggestions.stream().map(s -> "'" + s + "'").toList()) + "?");
    }

    /** @param hint a sentence that follows the message, starting with a space */
    public UnknownModulePathException(String path, List<String> suggestions, String hint) {
        super("the model has no module '" + path + "' (paths are as in PyTorch's named_modules(), e.g. "
                + "'layer4' or 'features.28')." + hint);
        this.path = path;
        this.suggestions = List.copyOf(suggestions);
    }

    /** The path as requested. */
    public String path() {
        return path;
    }

    /** Existing module paths closest to the requested one, best first; may be empty. */
    public List<String> suggestions() {
        return suggestions;
    }
}
