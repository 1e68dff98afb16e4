package dev.loupe.core.layer;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.stability.Stable;
import java.util.List;

/** A layer name that the model does not have; the message lists the closest existing names. */
@Stable
public final class UnknownLayerException extends LoupeException {

    private final String layer;
    private final List<String> suggestions;

    public UnknownLayerException(String layer, List<String> suggestions, String message) {
        super(ErrorKind.INPUT, message);
        this.layer = layer;
        this.suggestions = List.copyOf(suggestions);
    }

    public String layer() {
        return layer;
    }

    public List<String> suggestions() {
        return suggestions;
    }
}
