package dev.loupe.cli;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.ImageSource;
import dev.loupe.render.image.ImageLoader;
import dev.loupe.render.image.ImageReadException;
import dev.loupe.render.image.Preprocessor;
import dev.loupe.render.image.RgbImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finding and reading a run's images, shared by {@code explain} and {@code evaluate}. */
final class RunImages {

    private RunImages() {
    }

    /** Every image in the given files and folders, in order; none at all is an input error. */
    static List<Path> list(List<Path> filesAndFolders) {
        List<Path> all = new ArrayList<>();
        for (Path p : filesAndFolders) {
            try {
                all.addAll(ImageLoader.listImages(p));
            } catch (ImageReadException e) {
                throw new LoupeException(ErrorKind.INPUT, e.getMessage(), e);
            }
        }
        if (all.isEmpty()) {
            throw new LoupeException(ErrorKind.INPUT, "No images found in " + filesAndFolders + "; supported suffixes: "
                    + ImageLoader.supportedSuffixes() + ".");
        }
        return all;
    }

    /** The model's input shape for layer shapes: the preprocessed size of the first readable image. */
    static long[] inputShape(Preprocessor preprocessor, List<Path> images) {
        ImageLoader loader = new ImageLoader();
        for (Path image : images) {
            try {
                RgbImage shown = preprocessor.apply(loader.load(image)).display();
                return new long[] {3, shown.height(), shown.width()};
            } catch (ImageReadException e) {
                // reported when the image's turn comes
            }
        }
        throw new LoupeException(ErrorKind.INPUT, "None of the " + images.size() + " images could be read; the first"
                + " one fails with: " + firstError(images.get(0)));
    }

    private static String firstError(Path image) {
        try {
            new ImageLoader().load(image);
            return "(no error)";
        } catch (ImageReadException e) {
            return e.getMessage();
        }
    }

    /** Image files named in method parameters: relative to the config file's folder, or to the working folder. */
    static ImageSource imageSource(Path configFile, Preprocessor preprocessor) {
        Path base = configFile == null ? Path.of("") : configFile.toAbsolutePath().getParent();
        ImageLoader loader = new ImageLoader();
        return file -> {
            try {
                return preprocessor.apply(loader.load(base.resolve(file))).input();
            } catch (ImageReadException e) {
                throw new LoupeException(ErrorKind.INPUT, e.getMessage(), e);
            }
        };
    }
}
