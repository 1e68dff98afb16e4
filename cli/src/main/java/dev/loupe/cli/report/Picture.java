package dev.loupe.cli.report;

import java.nio.file.Path;

/**
 * A picture inside the report folder, with its size, and a smaller copy for the index when it
 * is large.
 *
 * @param thumb a JPEG of at most {@value Pictures#THUMB_LIMIT} px a side, or {@code null} when
 *              the picture is no larger than that (the index then scales the picture itself)
 */
record Picture(Path file, int width, int height, Path thumb, int thumbWidth, int thumbHeight) {

    /** The size a picture is shown at: {@code pixelated} when a small one is magnified by a whole factor. */
    record Shown(int width, int height, boolean pixelated) {
    }

    /** Fitted into a {@code box}-pixel square: shrunk to fit, or magnified by the largest whole factor that fits. */
    Shown inBox(int box) {
        int side = Math.max(width, height);
        if (side > box) {
            double scale = (double) box / side;
            return new Shown(Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale)), false);
        }
        int factor = Math.max(1, box / side);
        return new Shown(width * factor, height * factor, factor > 1);
    }

    /** Full size; one smaller than {@code minimum} px a side is magnified by a whole factor, so its pixels stay sharp. */
    Shown full(int minimum) {
        int side = Math.max(width, height);
        int factor = side >= minimum ? 1 : Math.max(1, minimum / side);
        return new Shown(width * factor, height * factor, factor > 1);
    }

    /** What the index shows: the thumbnail when there is one. */
    Path small() {
        return thumb != null ? thumb : file;
    }
}
