package dev.loupe.bench;

import dev.loupe.core.stability.Internal;

/** One timed round of a method: seconds per image for the method and for its floor. */
@Internal
public record Round(double methodSeconds, double floorSeconds) {

    public double ratio() {
        return methodSeconds / floorSeconds;
    }
}
