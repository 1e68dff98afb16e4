package dev.loupe.core.explain;

import dev.loupe.core.stability.Stable;

/**
 * How far an explanation call has got, for progress bars: methods that run many passes (Score-CAM,
 * occlusion, RISE, SmoothGrad, Integrated Gradients) report after each one. Reports are cheap and
 * may be ignored; {@code done} never decreases within one call.
 */
@FunctionalInterface
@Stable
public interface Progress {

    /** Does nothing. */
    Progress NONE = (done, total) -> { };

    /** {@code done} of {@code total} units of this call's work are finished. */
    void update(long done, long total);

    /**
     * The progress of part {@code index} of {@code count} equal parts (one image of a batch, say),
     * reported as progress of the whole.
     */
    default Progress part(int index, int count) {
        return (done, total) -> update((long) index * total + done, (long) count * total);
    }
}
