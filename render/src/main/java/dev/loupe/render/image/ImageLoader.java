package dev.loupe.render.image;

import dev.loupe.core.stability.Experimental;
import dev.loupe.render.image.ImageReadException.Reason;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads image files (PNG, JPEG and whatever else {@link ImageIO} decodes) into {@link RgbImage}s
 * with the values numpy gives for {@code np.asarray(Image.open(f).convert("RGB"), np.float32) / 255}.
 *
 * <p>The EXIF orientation of a JPEG (APP1) or PNG ({@code eXIf}) is applied, as PIL's
 * {@code ImageOps.exif_transpose} does (see {@link ExifOrientation}), with a warning on the
 * image; broken EXIF data is ignored with a warning. Colour profiles are ignored and an
 * animated GIF gives its first frame.
 *
 * <p>Every failure is an {@link ImageReadException} naming the file, the problem and a fix.
 * Images larger than {@link #maxPixels()} are refused from their header, before any pixel is
 * decoded, so a small file that claims a huge size cannot exhaust memory.
 */
@Experimental
public final class ImageLoader {

    /** PIL's own decompression-bomb threshold is about 89 megapixels; 50 is plenty for a classifier. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    /** Suffixes {@link #listImages} picks from a folder. */
    public static final List<String> IMAGE_SUFFIXES = List.of("png", "jpg", "jpeg", "bmp", "gif");

    // Three float planes must fit one Java array.
    private static final long ARRAY_LIMIT_PIXELS = (Integer.MAX_VALUE - 8) / 3;

    private final long maxPixels;

    public ImageLoader() {
        this(DEFAULT_MAX_PIXELS);
    }

    /** @param maxPixels the largest width * height accepted */
    public ImageLoader(long maxPixels) {
        if (maxPixels <= 0 || maxPixels > ARRAY_LIMIT_PIXELS) {
            throw new IllegalArgumentException("maxPixels must be in [1, " + ARRAY_LIMIT_PIXELS
                    + "] (three float planes must fit one Java array), got " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    public long maxPixels() {
        return maxPixels;
    }

    /** File suffixes the installed ImageIO readers claim, lower case and sorted. */
    public static List<String> supportedSuffixes() {
        TreeSet<String> suffixes = new TreeSet<>();
        for (String s : ImageIO.getReaderFileSuffixes()) {
            if (!s.isEmpty()) {
                suffixes.add(s.toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(suffixes);
    }

    /**
     * The image files to process: {@code fileOrFolder} itself when it is a file (whatever its
     * suffix, so that loading it reports a precise error), or the files directly in the folder
     * whose suffix is one of {@link #IMAGE_SUFFIXES} (any case), sorted by name. Hidden files
     * (name starting with '.') are skipped: they are typically macOS "._x.png" metadata, not
     * images. An empty list means the folder holds no image.
     */
    public static List<Path> listImages(Path fileOrFolder) throws ImageReadException {
        if (!Files.exists(fileOrFolder)) {
            throw missing(fileOrFolder);
        }
        if (!Files.isDirectory(fileOrFolder)) {
            return List.of(fileOrFolder);
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fileOrFolder)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && hasImageSuffix(name) && Files.isRegularFile(p)) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            throw new ImageReadException(fileOrFolder, Reason.UNREADABLE,
                    "the folder cannot be listed (" + e + ")", "Check the folder's permissions", e);
        }
        found.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return List.copyOf(found);
    }

    private static boolean hasImageSuffix(String name) {
        int dot = name.lastIndexOf('.');
        return dot >= 0 && IMAGE_SUFFIXES.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Reads one image file. */
    public RgbImage load(Path file) throws ImageReadException {
        if (!Files.exists(file)) {
            throw missing(file);
        }
        if (!Files.isRegularFile(file)) {
            throw new ImageReadException(file, Reason.NOT_A_FILE, "it is a folder, not an image file",
                    "Give an image file, or list the folder's images with ImageLoader.listImages");
        }
        if (!Files.isReadable(file)) {
            throw new ImageReadException(file, Reason.UNREADABLE, "permission to read it is denied",
                    "Check the file's permissions");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new ImageReadException(file, Reason.UNREADABLE, "it cannot be opened as a stream",
                        "Check that it is a regular, readable file");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw notAnImage(file);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return decode(file, reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new ImageReadException(file, Reason.UNREADABLE, "reading it failed (" + e + ")",
                    "Check that the file is readable and the disk is healthy", e);
        }
    }

    private RgbImage decode(Path file, ImageReader reader) throws ImageReadException, IOException {
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        int width;
        int height;
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw corrupt(file, format, "its header cannot be read (" + e.getMessage() + ")", e);
        }
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new ImageReadException(file, Reason.TOO_LARGE,
                    "it is " + width + "x" + height + " = " + pixels + " pixels, over the limit of "
                            + maxPixels + " (a decompression bomb guard; nothing was decoded)",
                    "Downscale the image, or raise the pixel limit if you trust the file");
        }
        if (format.equals("png")) {
            String problem = PngIntegrity.problem(file);
            if (problem != null) {
                throw corrupt(file, format, problem, null);
            }
        }
        List<String> warnings = new ArrayList<>();
        List<String> truncation = new ArrayList<>();
        reader.addIIOReadWarningListener(collectWarnings(warnings, truncation));
        BufferedImage image;
        try {
            image = reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw corrupt(file, format, "its pixel data cannot be decoded (" + e.getMessage() + ")", e);
        }
        if (!truncation.isEmpty()) {
            // libjpeg fills a cut-short JPEG with gray and only warns; PIL refuses such files.
            throw corrupt(file, format, "the data ends early (" + truncation.get(0) + ")", null);
        }
        float[] chw = RasterToRgb.toChw(image, file, warnings);
        ExifOrientation.Found exif = ExifOrientation.read(file, format);
        if (exif.problem() != null) {
            warnings.add("EXIF metadata ignored: " + exif.problem());
        }
        return ExifOrientation.apply(new RgbImage(file, image.getWidth(), image.getHeight(), chw, warnings),
                exif.orientation());
    }

    private static IIOReadWarningListener collectWarnings(List<String> warnings, List<String> truncation) {
        return (source, warning) -> {
            String lower = warning.toLowerCase(Locale.ROOT);
            if (lower.contains("premature end") || lower.contains("truncat")) {
                truncation.add(warning);
            } else {
                warnings.add("decoder warning: " + warning);
            }
        };
    }

    private static ImageReadException missing(Path path) {
        return new ImageReadException(path, Reason.MISSING,
                "no such file or folder (absolute path " + path.toAbsolutePath() + ")",
                "Check the spelling; a relative path is resolved against the working folder "
                        + Path.of("").toAbsolutePath());
    }

    private static ImageReadException corrupt(Path file, String format, String problem, Throwable cause) {
        return new ImageReadException(file, Reason.CORRUPT,
                "the " + format.toUpperCase(Locale.ROOT) + " file is corrupt: " + problem,
                "Re-export or re-download the image; open it in an image viewer to check it", cause);
    }

    private static ImageReadException notAnImage(Path file) throws IOException {
        return new ImageReadException(file, Reason.NOT_AN_IMAGE, FileContent.describe(file),
                "Supported formats: " + String.join(", ", supportedSuffixes())
                        + "; convert the file to PNG or JPEG");
    }
}
