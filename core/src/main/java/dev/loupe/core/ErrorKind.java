package dev.loupe.core;

/** What kind of mistake an error is, from the user's point of view. */
public enum ErrorKind {
    /** Flags, config file, method name or method parameters are wrong. */
    USAGE,
    /** A model file, image, layer name or target does not fit. */
    INPUT,
    /** Loupe or a backend failed although the input was acceptable: a bug. */
    INTERNAL
}
