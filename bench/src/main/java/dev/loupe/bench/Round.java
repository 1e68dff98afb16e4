package dev.loupe.bench;

/** One timed round of a method: seconds per image for the method and for its floor. */
public record Round(double methodSeconds, double floorSeconds) {

    public double ratio() {
        return methodSeconds / floorSeconds;
    }
}
