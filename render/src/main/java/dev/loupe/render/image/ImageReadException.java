package dev.loupe.render.image;

import dev.loupe.core.stability.Experimental;
import java.nio.file.Path;

/**
 * An input image that cannot be used. The message names the file, says what is wrong and what
 * to do about it; {@link #reason()} lets a caller map the failure to an exit code without
 * parsing text.
 */
@Experimental
public final class ImageReadException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, coarse enough to act on. */
    public enum Reason {
        /** Nothing exists at the path. */
        MISSING,
        /** The path is a folder or a device, not a regular file. */
        NOT_A_FILE,
        /** The file exists but cannot be opened or read (permissions, I/O error). */
        UNREADABLE,
        /** The content is in no image format this JVM can decode. */
        NOT_AN_IMAGE,
        /** An image, but in a layout Loupe does not turn into RGB (CMYK, float samples, ...). */
        UNSUPPORTED,
        /** An image whose data is damaged or cut short. */
        CORRUPT,
        /** More pixels than the configured limit: refused before decoding. */
        TOO_LARGE
    }

    private final transient Path path;
    private final Reason reason;

    ImageReadException(Path path, Reason reason, String problem, String fix) {
        this(path, reason, problem, fix, null);
    }

    ImageReadException(Path path, Reason reason, String problem, String fix, Throwable cause) {
        super("Cannot read image " + path + ": " + problem + ". " + fix, cause);
        this.path = path;
        this.reason = reason;
    }

    public Path path() {
        return path;
    }

    public Reason reason() {
        return reason;
    }
}
