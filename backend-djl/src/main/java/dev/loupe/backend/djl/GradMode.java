package dev.loupe.backend.djl;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns libtorch's autograd on for the current thread, and back to what it was on close.
 * DJL's PtGradientCollector does the same but also holds a JVM-wide "one collector at a time"
 * flag, which would forbid two threads explaining with one model; libtorch's grad mode is
 * thread-local, so this is enough.
 */
final class GradMode implements AutoCloseable {

    private final boolean previous;

    private GradMode(boolean enabled) {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(enabled);
    }

    static GradMode enabled(boolean enabled) {
        return new GradMode(enabled);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
