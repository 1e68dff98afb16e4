package dev.loupe.core.model;

import dev.loupe.core.layer.LayerInfo;
import dev.loupe.core.stability.Stable;
import java.util.List;
import java.util.Set;

/**
 * A model opened by a backend. Every unit of work happens in a {@link Scope}, which owns the
 * native memory of that work and frees it on close.
 *
 * <p>Threads: a backend's models must allow several threads to open scopes and run passes at
 * once, each thread in its own scope (a scope itself belongs to one thread), with the results a
 * single thread would get; {@link #close()} only once no scope is open. Both built-in backends
 * do (dev.loupe.api's ConcurrentExplainTest checks it bit for bit); {@link #parameters()} is the
 * exception, see {@link ModelParameters}.
 */
@Stable
public interface ExplainableModel extends AutoCloseable {

    ModelDescription description();

    Set<Capability> capabilities();

    /**
     * Why this model lacks {@code capability} when the backend knows (an op without a gradient, say),
     * for the error that refuses a method; null when there is nothing more to say.
     */
    default String whyNot(Capability capability) {
        return null;
    }

    /** Every addressable layer in execution-tree order, with output shapes at batch size 1. */
    List<LayerInfo> layers();

    /**
     * Write access to the trainable parameters; only for models with
     * {@link Capability#PARAMETER_RANDOMIZATION}.
     */
    default ModelParameters parameters() {
        throw new UnsupportedOperationException(description().backend() + " models cannot change their parameters");
    }

    /** Opens a unit of work. Close it in {@code finally} (try-with-resources). */
    Scope openScope();

    @Override
    void close();
}
