package dev.loupe.render.io;

import dev.loupe.core.stability.Experimental;

/** The picture file formats Loupe writes; raw maps are always {@code .npy}. */
@Experimental
public enum ImageFormat {
    /** Lossless; the default. */
    PNG("png"),
    /** Lossy and smaller, at a quality from 1 to 100. */
    JPEG("jpg");

    private final String extension;

    ImageFormat(String extension) {
        this.extension = extension;
    }

    /** The file name suffix, without the dot. */
    public String extension() {
        return extension;
    }
}
