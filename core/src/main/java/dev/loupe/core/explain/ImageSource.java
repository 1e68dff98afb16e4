package dev.loupe.core.explain;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.stability.Stable;
import dev.loupe.core.tensor.FloatArray;

/**
 * Reads an image file named in a method parameter (such as an Integrated Gradients baseline)
 * and preprocesses it exactly as the explained images were, so methods never decode images
 * themselves. The caller that preprocessed the batch supplies it.
 */
@FunctionalInterface
@Stable
public interface ImageSource {

    /** The image at {@code file}, preprocessed: (C, H, W). */
    FloatArray load(String file);

    /** For callers that pass tensors, not files: any request is an error that says so. */
    static ImageSource none() {
        return file -> {
            throw new LoupeException(ErrorKind.USAGE, "Image file '" + file + "' was named in a method parameter, but"
                    + " this caller gives no way to read images; pass an ImageSource to Explanations.explain.");
        };
    }
}
