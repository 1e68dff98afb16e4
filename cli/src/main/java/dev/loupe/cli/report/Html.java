package dev.loupe.cli.report;

import dev.loupe.core.stability.Internal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Escaping for the report. Everything a run supplies (labels, file names, parameters, error
 * messages, anything read from {@code run.json}) reaches a page through {@link #text}, and
 * every link through {@link #href}: a label {@code <script>} shows as those eight characters.
 */
@Internal
public final class Html {

    private Html() {
    }

    /**
     * The value as HTML text: {@code & < > " '} escaped, so the result is safe both between tags
     * and inside a quoted attribute. {@code null} gives the empty string.
     */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A relative link for an {@code href} or {@code src} attribute: the path's {@code /}-separated
     * segments percent-encoded as UTF-8 (only RFC 3986's unreserved characters are kept, so
     * {@code #}, {@code ?}, {@code %}, {@code &}, {@code <} and spaces in a file name stay part of
     * the name), then escaped as {@link #text}.
     */
    public static String href(String relativePath) {
        StringBuilder out = new StringBuilder(relativePath.length() + 16);
        for (byte b : relativePath.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '/' || isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return text(out);
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** A number with {@code decimals} digits after the point, in the root locale (a point, never a comma). */
    static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Seconds for people: {@code 0.042 s}, {@code 3.1 s}, {@code 2 min 05 s}. */
    static String seconds(double s) {
        if (s < 1) {
            return number(s, 3) + " s";
        }
        if (s < 60) {
            return number(s, 1) + " s";
        }
        long whole = Math.round(s);
        return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }

    /** A probability as a percentage: {@code 99.9 %}, {@code <0.1 %} for what would print as zero. */
    static String percent(double p) {
        double pct = 100 * p;
        if (pct > 0 && pct < 0.05) {
            return "<0.1 %";
        }
        return number(pct, 1) + " %";
    }
}
