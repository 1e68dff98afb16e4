package dev.loupe.backend.djl.torchscript;

/** A class-level annotation: {@code conv1 : __torch__...Conv2d} or {@code __annotations__["0"] = ...}. */
record ScriptAttribute(String name, String type) {
}
