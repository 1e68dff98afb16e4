package dev.loupe.render.image;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Walks a PNG file's chunks and checks each one's length and CRC, and that the file ends with
 * IEND.
 *
 * <p>Java's PNG reader can return a partly decoded image for a file that was cut short, without
 * an exception; PIL refuses such files ("image file is truncated"). Checking the chunk structure
 * first makes every truncated or damaged PNG fail, whatever the decoder would have done.
 */
final class PngIntegrity {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngIntegrity() {}

    /** Returns null when the file is sound, else a sentence saying what is wrong. */
    static String problem(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] signature = new byte[8];
            if (in.readNBytes(signature, 0, 8) < 8 || !Arrays.equals(signature, SIGNATURE)) {
                return "the PNG signature is damaged";
            }
            long offset = 8;
            byte[] buffer = new byte[1 << 16];
            boolean first = true;
            while (true) {
                long length;
                String type;
                byte[] typeBytes = new byte[4];
                try {
                    length = Integer.toUnsignedLong(in.readInt());
                    in.readFully(typeBytes);
                } catch (EOFException e) {
                    return "the file ends at byte " + offset + " without an IEND chunk (truncated)";
                }
                type = new String(typeBytes, StandardCharsets.ISO_8859_1);
                if (length > Integer.MAX_VALUE) {
                    return "chunk '" + printable(type) + "' at byte " + offset + " declares an impossible length";
                }
                if (first && !type.equals("IHDR")) {
                    return "the first chunk is '" + printable(type) + "', not IHDR";
                }
                first = false;
                CRC32 crc = new CRC32();
                crc.update(typeBytes);
                long left = length;
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        return "chunk '" + printable(type) + "' at byte " + offset + " declares " + length
                                + " bytes but the file ends after " + (length - left) + " (truncated)";
                    }
                    crc.update(buffer, 0, n);
                    left -= n;
                }
                long stored;
                try {
                    stored = Integer.toUnsignedLong(in.readInt());
                } catch (EOFException e) {
                    return "chunk '" + printable(type) + "' at byte " + offset
                            + " is missing its checksum (truncated)";
                }
                if (stored != crc.getValue()) {
                    return "chunk '" + printable(type) + "' at byte " + offset + " fails its CRC check (damaged data)";
                }
                if (type.equals("IEND")) {
                    return null;
                }
                offset += 12 + length;
            }
        }
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 0x21 && c <= 0x7e) ? type : "?";
    }
}
