package dev.loupe.core;

import dev.loupe.core.stability.Stable;

/** What kind of mistake an error is, from the user's point of view. */
@Stable
public enum ErrorKind {
    /** Flags, config file, method name or method parameters are wrong. */
    USAGE,
    /** A model file, image, layer name or target does not fit. */
    INPUT,
    /** Loupe or a backend failed although the input was acceptable: a bug. */
    INTERNAL
}
