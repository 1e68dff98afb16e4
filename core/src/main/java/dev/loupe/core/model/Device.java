package dev.loupe.core.model;

/** Where a backend runs the model. */
public enum Device {
    CPU,
    /** The first GPU; an error when the backend finds none. */
    GPU,
    /** A GPU when the backend finds one, else the CPU. */
    AUTO
}
