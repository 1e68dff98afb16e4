package dev.loupe.methods.perturbation;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;

/**
 * Where occlusion windows go on an H x W image, as Captum's Occlusion places them: along each
 * axis, starts 0, s, 2s, ... with ceil((H - w) / s) + 1 of them, the last window clipped where it
 * runs past the border, so every pixel is covered at least once.
 */
record Windows(int height, int width, int window, int stride) {

    Windows {
        if (window > height || window > width) {
            throw new LoupeException(ErrorKind.INPUT, "occlusion window " + window + " is larger than the " + height + "x"
                    + width + " input; set window to at most " + Math.min(height, width) + ".");
        }
        if (stride < 1) {
            throw new LoupeException(ErrorKind.USAGE, "occlusion stride must be at least 1, got " + stride);
        }
    }

    int rows() {
        return steps(height);
    }

    int columns() {
        return steps(width);
    }

    int count() {
        return rows() * columns();
    }

    int top(int index) {
        return (index / columns()) * stride;
    }

    int left(int index) {
        return (index % columns()) * stride;
    }

    /** One past the last row of window {@code index}, clipped to the image. */
    int bottom(int index) {
        return Math.min(height, top(index) + window);
    }

    int right(int index) {
        return Math.min(width, left(index) + window);
    }

    private int steps(int size) {
        return (size - window + stride - 1) / stride + 1;
    }
}
