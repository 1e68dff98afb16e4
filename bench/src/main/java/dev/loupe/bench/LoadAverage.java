package dev.loupe.bench;

import dev.loupe.core.stability.Internal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's 1-minute load average (Linux {@code /proc/loadavg}) before and after a run: other
 * work on the machine slows method and floor alike, but a load well above the core count says the
 * figures are noisier than usual. -1 where unknown.
 */
@Internal
public record LoadAverage(double before, double after) {

    /** The current 1-minute load average, or -1 where {@code /proc/loadavg} cannot be read. */
    public static double now() {
        try {
            return parse(Files.readString(Path.of("/proc/loadavg")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The first field of {@code /proc/loadavg} text ("0.52 0.58 0.59 1/467 12345"). */
    static double parse(String text) {
        return Double.parseDouble(text.trim().split("\\s+")[0]);
    }
}
