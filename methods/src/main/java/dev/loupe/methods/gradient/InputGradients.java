package dev.loupe.methods.gradient;

import dev.loupe.core.explain.Progress;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.GradientPass;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.Scope;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.Tensor;
import java.util.List;

/**
 * The engine under the gradient methods of this package: gradients of one image's target logit
 * with respect to many inputs derived from that image (interpolation points, noisy copies), at a
 * class fixed in advance, {@code batchSize} inputs per forward/backward pass.
 *
 * <p>A scope keeps every tensor made in it until it closes, so each pass runs in its own
 * short-lived scope and leaves only its reduction, summed on the host in double precision:
 * memory stays that of one pass whatever the number of steps or samples. (A child scope or
 * tensor release in the core SPI would let the running sum stay on the device; one (C, H, W)
 * copy per pass is small next to a forward and backward pass of {@code batchSize} images.)
 */
final class InputGradients {

    /** Builds the inputs {@code [start, end)} of a pass, in the pass's scope: shape (end - start, C, H, W). */
    @FunctionalInterface
    interface Inputs {
        Tensor rows(Scope scope, int start, int end);
    }

    /**
     * Reduces one pass to tensors of a fixed element count (typically (C, H, W) sums over the
     * pass's rows); the engine adds them up over all passes.
     */
    @FunctionalInterface
    interface Reduction {
        List<Tensor> reduce(Scope scope, int start, int end, Tensor inputs, Tensor gradients);
    }

    private final ExplainableModel model;
    private final int batchSize;
    private final HookSpec hooks;
    private final Progress progress;

    /** Plain input gradients. */
    InputGradients(ExplainableModel model, int batchSize) {
        this(model, batchSize, HookSpec.inputOnly());
    }

    /** Input gradients as {@code hooks} asks for them (e.g. with another ReLU backward rule). */
    InputGradients(ExplainableModel model, int batchSize, HookSpec hooks) {
        this(model, batchSize, hooks, Progress.NONE);
    }

    private InputGradients(ExplainableModel model, int batchSize, HookSpec hooks, Progress progress) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (!hooks.inputGradient()) {
            throw new IllegalArgumentException("the engine differentiates with respect to the input: " + hooks);
        }
        this.model = model;
        this.batchSize = batchSize;
        this.hooks = hooks;
        this.progress = progress;
    }

    /** The same engine reporting each pass of a {@link #sum} to {@code progress}. */
    InputGradients reporting(Progress progress) {
        return new InputGradients(model, batchSize, hooks, progress);
    }

    /**
     * Differentiates the target logit of {@code count} inputs, {@code batchSize} per pass, each
     * pass in a fresh scope, and returns, for each tensor the reduction gives, its sum over all
     * passes.
     */
    double[][] sum(int count, int target, Inputs inputs, Reduction reduction) {
        double[][] sums = null;
        for (int start = 0; start < count; start += batchSize) {
            int end = Math.min(count, start + batchSize);
            try (Scope scope = model.openScope()) {
                Tensor rows = inputs.rows(scope, start, end);
                if (rows.dim(0) != end - start) {
                    throw new IllegalStateException("inputs [" + start + ", " + end + ") came with " + rows.dim(0) + " rows");
                }
                GradientPass pass = scope.gradients(rows, hooks, FixedTargets.repeat(target, end - start));
                List<Tensor> parts = reduction.reduce(scope, start, end, rows, pass.inputGradient());
                if (sums == null) {
                    sums = new double[parts.size()][];
                }
                for (int j = 0; j < parts.size(); j++) {
                    float[] part = parts.get(j).toHost().data();
                    if (sums[j] == null) {
                        sums[j] = new double[part.length];
                    }
                    double[] sum = sums[j];
                    for (int i = 0; i < part.length; i++) {
                        sum[i] += part[i];
                    }
                }
            }
            progress.update(end, count);
        }
        if (sums == null) {
            throw new IllegalArgumentException("nothing to differentiate: count " + count);
        }
        return sums;
    }

    /** One image as a batch of one: (C, H, W) to (1, C, H, W). */
    static FloatArray asBatch(FloatArray image) {
        long[] s = image.shape();
        return image.reshape(1, s[0], s[1], s[2]);
    }

    /** A column of per-row scalars, (k, 1, 1, 1), to broadcast over a pass's rows. */
    static FloatArray column(double[] values, int start, int end) {
        float[] column = new float[end - start];
        for (int i = start; i < end; i++) {
            column[i - start] = (float) values[i];
        }
        return new FloatArray(column, new long[] {end - start, 1, 1, 1});
    }
}
