package dev.loupe.render.image;

import dev.loupe.core.stability.Experimental;
import java.util.Objects;

/** How {@link Preprocessor} sizes an image before cropping. */
@Experimental
public sealed interface Resize {

    /** The size an image of {@code height x width} is resized to. */
    ImageSize target(int height, int width);

    static Resize none() {
        return None.INSTANCE;
    }

    static Resize shorterSide(int size) {
        return new ShorterSide(size);
    }

    static Resize exact(int height, int width) {
        return new Exact(new ImageSize(height, width));
    }

    /** Keep the image's size. */
    enum None implements Resize {
        INSTANCE;

        @Override
        public ImageSize target(int height, int width) {
            return new ImageSize(height, width);
        }
    }

    /**
     * The shorter side becomes {@code size}, the longer one {@code floor(size * long / short)}:
     * torchvision's {@code Resize(int)} rule.
     */
    record ShorterSide(int size) implements Resize {

        public ShorterSide {
            if (size <= 0) {
                throw new IllegalArgumentException("resize size must be positive, got " + size);
            }
        }

        @Override
        public ImageSize target(int height, int width) {
            int shorter = Math.min(height, width);
            int longer = Math.max(height, width);
            // Python's int(size * long / short): the product is exact, the true division rounds
            // once, int() truncates. The same double arithmetic here.
            int newLonger = (int) ((double) ((long) size * longer) / shorter);
            return width <= height ? new ImageSize(newLonger, size) : new ImageSize(size, newLonger);
        }
    }

    /** Exactly this height and width, aspect ratio not kept: torchvision's {@code Resize((h, w))}. */
    record Exact(ImageSize size) implements Resize {

        public Exact {
            Objects.requireNonNull(size, "size");
        }

        @Override
        public ImageSize target(int height, int width) {
            return size;
        }
    }
}
