package dev.loupe.render.image;

import dev.loupe.core.stability.Experimental;

/** A height and width in pixels, in that order, as torchvision writes sizes. */
@Experimental
public record ImageSize(int height, int width) {

    public ImageSize {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + height + "x" + width);
        }
    }

    public static ImageSize square(int side) {
        return new ImageSize(side, side);
    }

    @Override
    public String toString() {
        return height + "x" + width;
    }
}
