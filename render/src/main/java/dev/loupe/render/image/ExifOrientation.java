package dev.loupe.render.image;

import dev.loupe.core.stability.Experimental;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The EXIF Orientation tag (0x0112 in IFD0) of a JPEG (APP1 "Exif" segment) or PNG ({@code eXIf}
 * chunk), and the flip or rotation that shows the picture upright, as PIL's
 * {@code ImageOps.exif_transpose} does.
 *
 * <p>A small hand parser: only IFD0's entries are read, in either byte order, so a library for
 * the whole of EXIF would be mostly unused. Broken metadata is never an error: the image is
 * still good, so the tag is ignored with a warning.
 */
@Experimental
public final class ExifOrientation {

    static final int TAG = 0x0112;
    /** A JPEG segment holds at most 65533 bytes; an eXIf chunk larger than this is not plausible metadata. */
    private static final int MAX_EXIF_BYTES = 1 << 20;
    private static final byte[] EXIF_HEADER = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);

    /** What was found: the tag's value (1 when absent or unusable) and, if the metadata was broken, why. */
    public record Found(int orientation, String problem) {
    }

    private ExifOrientation() {}

    /** The orientation recorded in {@code file}; {@code format} is ImageIO's format name (jpeg, png; others give 1). */
    public static Found read(Path file, String format) throws IOException {
        byte[] tiff;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 14))) {
            tiff = switch (format) {
                case "jpeg", "jpg" -> jpegExif(in);
                case "png" -> pngExif(in);
                default -> null;
            };
        } catch (EOFException e) {
            return new Found(1, "the file ends inside its metadata");
        } catch (MalformedExif e) {
            return new Found(1, e.getMessage());
        }
        if (tiff == null) {
            return new Found(1, null);
        }
        try {
            return orientationOf(tiff);
        } catch (MalformedExif e) {
            return new Found(1, e.getMessage());
        }
    }

    /** Reads IFD0 of a TIFF structure (the EXIF payload) for the orientation tag. */
    static Found orientationOf(byte[] tiff) throws MalformedExif {
        if (tiff.length < 8) {
            throw new MalformedExif("the EXIF block is " + tiff.length + " bytes, too short for a TIFF header");
        }
        boolean little;
        if (tiff[0] == 'I' && tiff[1] == 'I') {
            little = true;
        } else if (tiff[0] == 'M' && tiff[1] == 'M') {
            little = false;
        } else {
            throw new MalformedExif("the EXIF block has no TIFF byte order mark (II or MM)");
        }
        if (u16(tiff, 2, little) != 42) {
            throw new MalformedExif("the EXIF block's TIFF header lacks the number 42");
        }
        long ifd = u32(tiff, 4, little);
        if (ifd < 8 || ifd + 2 > tiff.length) {
            throw new MalformedExif("the EXIF block's first directory offset " + ifd + " is outside its " + tiff.length + " bytes");
        }
        int entries = u16(tiff, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int at = (int) ifd + 2 + 12 * i;
            if (at + 12 > tiff.length) {
                throw new MalformedExif("the EXIF directory claims " + entries + " entries but the block ends after " + i);
            }
            if (u16(tiff, at, little) != TAG) {
                continue;
            }
            int type = u16(tiff, at + 2, little);
            long count = u32(tiff, at + 4, little);
            // SHORT is the standard type; some writers use LONG. Either fits the 4-byte value field.
            long value = type == 3 ? u16(tiff, at + 8, little) : type == 4 ? u32(tiff, at + 8, little) : -1;
            if (value < 0 || count < 1) {
                throw new MalformedExif("the EXIF orientation entry has type " + type + " and count " + count
                        + " (expected one SHORT)");
            }
            if (value < 1 || value > 8) {
                throw new MalformedExif("the EXIF orientation is " + value + ", not one of 1-8");
            }
            return new Found((int) value, null);
        }
        return new Found(1, null);
    }

    private static byte[] jpegExif(DataInputStream in) throws IOException, MalformedExif {
        if (in.readUnsignedShort() != 0xFFD8) {
            return null;
        }
        while (true) {
            int b = in.readUnsignedByte();
            if (b != 0xFF) {
                throw new MalformedExif("the JPEG has data between segments where a marker should be");
            }
            int marker = in.readUnsignedByte();
            while (marker == 0xFF) { // fill bytes
                marker = in.readUnsignedByte();
            }
            if (marker == 0xDA || marker == 0xD9) { // scan data or the end: no metadata follows that matters
                return null;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) { // markers without a length
                continue;
            }
            int length = in.readUnsignedShort() - 2;
            if (length < 0) {
                throw new MalformedExif("a JPEG segment has a length below 2");
            }
            if (marker == 0xE1 && length >= EXIF_HEADER.length) {
                byte[] payload = in.readNBytes(length);
                if (payload.length < length) {
                    throw new EOFException();
                }
                if (Arrays.equals(payload, 0, EXIF_HEADER.length, EXIF_HEADER, 0, EXIF_HEADER.length)) {
                    return Arrays.copyOfRange(payload, EXIF_HEADER.length, payload.length);
                }
            } else {
                in.skipNBytes(length);
            }
        }
    }

    private static byte[] pngExif(DataInputStream in) throws IOException, MalformedExif {
        in.skipNBytes(8); // the signature; ImageIO has already recognised the file as a PNG
        while (true) {
            long length = in.readInt() & 0xFFFFFFFFL;
            byte[] type = in.readNBytes(4);
            String name = new String(type, StandardCharsets.ISO_8859_1);
            if (name.equals("IEND") || type.length < 4) {
                return null;
            }
            if (name.equals("eXIf")) {
                if (length > MAX_EXIF_BYTES) {
                    throw new MalformedExif("the eXIf chunk is " + length + " bytes, over " + MAX_EXIF_BYTES);
                }
                byte[] data = in.readNBytes((int) length);
                if (data.length < length) {
                    throw new EOFException();
                }
                return data;
            }
            in.skipNBytes(length + 4); // data and CRC
        }
    }

    /**
     * {@code image} turned upright for {@code orientation} (1-8), with a warning saying what was
     * done; orientation 1 returns {@code image} itself.
     */
    public static RgbImage apply(RgbImage image, int orientation) {
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("EXIF orientation must be 1-8, got " + orientation);
        }
        if (orientation == 1) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        float[] in = image.chw();
        float[] out = new float[in.length];
        int plane = w * h;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                // (sy, sx): the source pixel that lands at (y, x); PIL's transpose methods per value
                int sy;
                int sx;
                switch (orientation) {
                    case 2 -> { sy = y; sx = w - 1 - x; }           // FLIP_LEFT_RIGHT
                    case 3 -> { sy = h - 1 - y; sx = w - 1 - x; }   // ROTATE_180
                    case 4 -> { sy = h - 1 - y; sx = x; }           // FLIP_TOP_BOTTOM
                    case 5 -> { sy = x; sx = y; }                   // TRANSPOSE
                    case 6 -> { sy = h - 1 - x; sx = y; }           // ROTATE_270 (90 degrees clockwise)
                    case 7 -> { sy = h - 1 - x; sx = w - 1 - y; }   // TRANSVERSE
                    default -> { sy = x; sx = w - 1 - y; }          // 8: ROTATE_90 (counter-clockwise)
                }
                for (int c = 0; c < 3; c++) {
                    out[c * plane + y * ow + x] = in[c * plane + sy * w + sx];
                }
            }
        }
        List<String> warnings = new ArrayList<>(image.warnings());
        warnings.add("EXIF orientation " + orientation + " applied (" + describe(orientation) + "), as viewers show it");
        return new RgbImage(image.source(), ow, oh, out, warnings);
    }

    /** What turning the stored pixels upright takes, in words. */
    public static String describe(int orientation) {
        return switch (orientation) {
            case 1 -> "upright";
            case 2 -> "mirrored left to right";
            case 3 -> "rotated 180 degrees";
            case 4 -> "mirrored top to bottom";
            case 5 -> "transposed";
            case 6 -> "rotated 90 degrees clockwise";
            case 7 -> "transversed";
            case 8 -> "rotated 90 degrees counter-clockwise";
            default -> throw new IllegalArgumentException("EXIF orientation must be 1-8, got " + orientation);
        };
    }

    private static int u16(byte[] b, int at, boolean little) {
        int b0 = b[at] & 0xFF;
        int b1 = b[at + 1] & 0xFF;
        return little ? b0 | b1 << 8 : b0 << 8 | b1;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long lo = u16(b, little ? at : at + 2, little);
        long hi = u16(b, little ? at + 2 : at, little);
        return hi << 16 | lo;
    }

    /** Metadata that cannot be read; the image is fine, the tag is ignored. */
    static final class MalformedExif extends Exception {
        MalformedExif(String message) {
            super(message);
        }
    }
}
