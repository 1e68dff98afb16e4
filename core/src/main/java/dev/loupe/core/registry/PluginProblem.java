package dev.loupe.core.registry;

import dev.loupe.core.stability.Experimental;

/**
 * A provider that was found but not loaded: its class (or the services entry naming it), where it
 * came from, and why, in words for the user. The other providers load regardless.
 */
@Experimental
public record PluginProblem(String provider, String source, String reason) {

    @Override
    public String toString() {
        return provider + " (" + source + ") was not loaded: " + reason;
    }
}
