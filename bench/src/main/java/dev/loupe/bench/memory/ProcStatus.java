package dev.loupe.bench.memory;

import dev.loupe.core.stability.Internal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The process's resident set from {@code /proc/self/status} (Linux): {@code VmRSS}, the pages in
 * RAM now, native libtorch memory included, and {@code VmHWM}, the peak of VmRSS so far.
 */
@Internal
public record ProcStatus(long vmRssKiB, long vmHwmKiB) {

    static final Path SELF = Path.of("/proc/self/status");

    /** This process's figures, or empty where there is no readable {@code /proc/self/status}. */
    public static Optional<ProcStatus> readSelf() {
        try {
            return Optional.of(parse(Files.readString(SELF)));
        } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Parses the text of a {@code /proc/PID/status} file ({@code "VmRSS:\t  123456 kB"} lines). */
    public static ProcStatus parse(String text) {
        long rss = -1;
        long hwm = -1;
        for (String line : text.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                rss = kib(line);
            } else if (line.startsWith("VmHWM:")) {
                hwm = kib(line);
            }
        }
        if (rss < 0 || hwm < 0) {
            throw new IllegalArgumentException("no VmRSS and VmHWM lines in the status text");
        }
        return new ProcStatus(rss, hwm);
    }

    private static long kib(String line) {
        String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        if (parts.length != 2 || !parts[1].equals("kB")) {
            throw new IllegalArgumentException("unexpected status line '" + line + "'");
        }
        return Long.parseLong(parts[0]);
    }
}
