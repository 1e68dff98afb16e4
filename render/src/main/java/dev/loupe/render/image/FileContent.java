package dev.loupe.render.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Says what a file that no image reader accepts holds, from its first bytes, so that the error
 * tells the user something they can act on ("it holds text", "it is a WebP image").
 */
final class FileContent {

    private FileContent() {}

    static String describe(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        }
        if (head.length == 0) {
            return "the file is empty (0 bytes)";
        }
        if (head.length >= 12 && ascii(head, 0).equals("RIFF") && ascii(head, 8).equals("WEBP")) {
            return "it is a WebP image, which Java's ImageIO cannot decode";
        }
        if (head.length >= 12 && ascii(head, 4).equals("ftyp")) {
            return "it is a HEIC/AVIF-style container, which Java's ImageIO cannot decode";
        }
        if (looksLikeText(head)) {
            return "it holds text, not image data (starts with \"" + escape(head) + "\")";
        }
        return "its content is in no image format Java's ImageIO can decode (first bytes "
                + hex(Arrays.copyOf(head, Math.min(head.length, 8))) + ")";
    }

    private static String ascii(byte[] head, int offset) {
        return new String(head, offset, 4, StandardCharsets.ISO_8859_1);
    }

    private static boolean looksLikeText(byte[] head) {
        for (byte b : head) {
            int c = b & 0xff;
            boolean printable = c >= 0x20 && c < 0x7f || c == '\n' || c == '\r' || c == '\t';
            if (!printable) {
                return false;
            }
        }
        return true;
    }

    private static String escape(byte[] head) {
        StringBuilder s = new StringBuilder();
        for (byte b : head) {
            int c = b & 0xff;
            s.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : c == '\n' ? "\\n" : "?");
        }
        return s.toString();
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02x", b & 0xff));
        }
        return s.toString();
    }
}
