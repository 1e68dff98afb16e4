package dev.loupe.cli;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.render.image.ImageLoader;
import dev.loupe.render.image.ImageReadException;
import dev.loupe.render.image.PreprocessedImage;
import dev.loupe.render.image.Preprocessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The images named by {@code --image} (files and folders), as {@code explain} reads them. */
final class ImageFiles {

    private ImageFiles() {
    }

    static List<Path> list(List<Path> given) {
        List<Path> all = new ArrayList<>();
        for (Path p : given) {
            try {
                all.addAll(ImageLoader.listImages(p));
            } catch (ImageReadException e) {
                throw new LoupeException(ErrorKind.INPUT, e.getMessage(), e);
            }
        }
        if (all.isEmpty()) {
            throw new LoupeException(ErrorKind.INPUT, "No images found in " + given + "; supported suffixes: "
                    + ImageLoader.supportedSuffixes() + ".");
        }
        return all;
    }

    /** The first image that reads, preprocessed (its size opens the model); none at all is an input error. */
    static PreprocessedImage firstReadable(List<Path> files, ImageLoader loader, Preprocessor preprocessor) {
        String firstError = null;
        for (Path file : files) {
            try {
                return preprocessor.apply(loader.load(file));
            } catch (ImageReadException e) {
                firstError = firstError != null ? firstError : e.getMessage();
            }
        }
        throw new LoupeException(ErrorKind.INPUT, "None of the " + files.size() + " images could be read; the first"
                + " one fails with: " + firstError);
    }
}
