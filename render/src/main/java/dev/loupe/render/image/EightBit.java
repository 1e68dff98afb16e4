package dev.loupe.render.image;

import dev.loupe.core.stability.Experimental;

/**
 * The one rule for turning a [0, 1] value into an 8-bit sample, used by every picture Loupe
 * writes.
 *
 * <p>Rounding to nearest (not numpy's truncating {@code astype(uint8)}) so that a value read as
 * {@code s / 255f} is written back as exactly {@code s}: truncation turns some of them into
 * {@code s - 1}.
 */
@Experimental
public final class EightBit {

    private EightBit() {}

    /** {@code round(clamp(v, 0, 1) * 255)}; NaN gives 0. */
    public static int of(double v) {
        if (!(v > 0)) {
            return 0;
        }
        if (v >= 1) {
            return 255;
        }
        return (int) (v * 255 + 0.5);
    }
}
