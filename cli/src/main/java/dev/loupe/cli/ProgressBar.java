package dev.loupe.cli;

import dev.loupe.core.explain.Progress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a run in explanations (an image explained by one method at one layer set). On a
 * terminal it redraws one line in place, at most 5 times a second: a bar, the count, the rate and
 * the time left. Elsewhere (a log, CI) it writes a plain line at most every 10 seconds. Work inside
 * a long explanation (Score-CAM's channels, occlusion's windows, SmoothGrad's samples) moves it too,
 * through the {@link Progress} the methods report to.
 */
final class ProgressBar {

    /** How progress is shown: {@code auto} picks {@code bar} on a terminal, else {@code lines}. */
    enum Mode { AUTO, BAR, LINES, OFF }

    private static final long BAR_EVERY_NANOS = 200_000_000L;
    private static final long LINE_EVERY_NANOS = 10_000_000_000L;
    private static final int WIDTH = 24;

    private final PrintWriter err;
    private final Mode mode;
    private final long total;
    private final LongSupplier clock;
    private final long start;
    private long finished;
    private double partial;
    private long lastDrawn = Long.MIN_VALUE;
    private boolean drewBar;
    private boolean everDrawn;

    ProgressBar(PrintWriter err, Mode mode, long total, LongSupplier clock) {
        this.err = err;
        this.mode = mode == Mode.AUTO ? (onTerminal() ? Mode.BAR : Mode.LINES) : mode;
        this.total = total;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    static boolean onTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** A call explaining {@code units} explanations at once (a batch of images); its progress moves the bar. */
    Progress call(int units) {
        return (done, of) -> {
            partial = of <= 0 ? 0 : units * Math.min(1.0, (double) done / of);
            draw(false);
        };
    }

    /** {@code units} explanations are finished (or failed: they count as done). */
    void done(long units) {
        finished += units;
        partial = 0;
        draw(finished >= total);
    }

    /** Clears the bar's line so that another line can be printed; the next report redraws it. */
    void clearLine() {
        if (drewBar) {
            err.print("\r\033[K");
            err.flush();
            drewBar = false;
            lastDrawn = Long.MIN_VALUE;
        }
    }

    /** Leaves the final state on a terminal, on a line of its own. */
    void close() {
        if (everDrawn) {
            draw(true);
            err.println();
            err.flush();
            drewBar = false;
        }
    }

    private void draw(boolean force) {
        if (mode == Mode.OFF || total <= 0) {
            return;
        }
        long now = clock.getAsLong();
        long every = mode == Mode.BAR ? BAR_EVERY_NANOS : LINE_EVERY_NANOS;
        if (!force && lastDrawn != Long.MIN_VALUE && now - lastDrawn < every) {
            return;
        }
        if (mode == Mode.LINES && lastDrawn == Long.MIN_VALUE && now - start < LINE_EVERY_NANOS) {
            return; // runs shorter than one interval stay quiet in logs, their end included
        }
        lastDrawn = now;
        String text = describe(now);
        if (mode == Mode.BAR) {
            err.print("\r" + text);
            drewBar = true;
            everDrawn = true;
        } else {
            err.println("progress: " + text);
        }
        err.flush();
    }

    /** The bar (terminal only), count, percentage, rate and time left. */
    String describe(long now) {
        double done = Math.min(total, finished + partial);
        double seconds = (now - start) / 1e9;
        double fraction = done / total;
        StringBuilder s = new StringBuilder();
        if (mode == Mode.BAR) {
            int filled = (int) Math.round(fraction * WIDTH);
            s.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ");
        }
        s.append(String.format(Locale.ROOT, "%d/%d explanations (%.0f%%)", finished, total, 100 * fraction));
        if (seconds > 0 && done > 0) {
            double rate = done / seconds;
            s.append(String.format(Locale.ROOT, ", %.2f/s, %s left", rate, clockTime((total - done) / rate)));
        }
        return s.toString();
    }

    static String clockTime(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
