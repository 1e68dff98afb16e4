package dev.loupe.backend.djl.torchscript;

import java.util.List;

/**
 * The tapped copy of one module instance's method. {@code events} lists the module paths whose
 * taps the copy appends, in execution order; an empty list means the method needs no copy.
 */
record MethodVariant(ScriptClass owner, ScriptMethod original, String name, String tapsVariable,
        List<String> body, List<String> events) {

    MethodVariant {
        body = List.copyOf(body);
        events = List.copyOf(events);
    }

    boolean needed() {
        return !events.isEmpty();
    }
}
