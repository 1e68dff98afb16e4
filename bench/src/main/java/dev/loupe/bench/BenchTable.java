package dev.loupe.bench;

import dev.loupe.bench.memory.MemoryReport;
import dev.loupe.core.stability.Internal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report as a plain-text table, for the terminal and the README. */
@Internal
public final class BenchTable {

    private BenchTable() {
    }

    public static String format(BenchReport report) {
        StringBuilder out = new StringBuilder();
        BenchSettings s = report.settings();
        long[] shape = report.imageShape();
        out.append(String.format(Locale.ROOT, "%d image(s) %dx%dx%d, %d per explanation", report.images(), shape[0],
                shape[1], shape[2], s.batchSize()));
        out.append(report.methods().isEmpty() ? String.format("%n") : String.format(Locale.ROOT, "; median of %d round(s)"
                + " after %d warm-up; seconds per image; floor on %s inputs%n", s.rounds(), s.warmupRounds(),
                s.floorInputs().name().toLowerCase(Locale.ROOT)));
        if (report.load().before() >= 0) {
            out.append(String.format(Locale.ROOT, "machine: %d cores, load average (1 min) %.2f before, %.2f after%n",
                    Runtime.getRuntime().availableProcessors(), report.load().before(), report.load().after()));
        }
        List<MethodResult> timed = report.methods().stream().filter(MethodResult::timed).toList();
        if (!timed.isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"method", "engine calls per image", "method", "floor", "ratio", "overhead", "spread"});
            for (MethodResult m : timed) {
                rows.add(new String[] {m.name(), calls(m.callsPerImage()), sec(m.methodSeconds()), sec(m.floorSeconds()),
                    String.format(Locale.ROOT, "%.3f", m.ratio()),
                    String.format(Locale.ROOT, "%+.1f %%", m.overheadPercent()),
                    String.format(Locale.ROOT, "%.3f", m.ratioSpread())});
            }
            out.append(columns(rows));
        }
        for (MethodResult m : report.methods()) {
            if (m.skipped() != null) {
                out.append("skipped ").append(m.name()).append(": ").append(m.skipped()).append('\n');
            } else if (!m.timed()) {
                out.append("not timed ").append(m.name()).append(": no timed round (--rounds 0)\n");
            }
        }
        if (report.bare() != null && report.bare().timed()) {
            BareResult b = report.bare();
            out.append(String.format(Locale.ROOT, "bare engine (%s), one pass per batch: forward %s, forward+backward %s;"
                    + " the same through the backend adapter: %s (%+.1f %%), %s (%+.1f %%)%n", b.description(),
                    sec(b.forwardSeconds()), sec(b.forwardBackwardSeconds()), sec(b.adapterForwardSeconds()),
                    b.forwardAdapterPercent(), sec(b.adapterForwardBackwardSeconds()), b.forwardBackwardAdapterPercent()));
        }
        if (report.memory() != null) {
            out.append(memory(report.memory()));
        }
        return out.toString();
    }

    private static String memory(MemoryReport r) {
        if (!r.hasRss()) {
            return String.format(Locale.ROOT, "memory: %d explanations of %s; no /proc/self/status here, heap used"
                    + " %.1f -> %.1f MiB%n", r.explanations(), r.method(), r.firstWindowHeapUsedKiB() / 1024,
                    r.lastWindowHeapUsedKiB() / 1024);
        }
        return String.format(Locale.ROOT, "memory: %d explanations of %s in %.0f s: RSS %.1f MiB (first tenth) -> %.1f MiB"
                + " (last tenth), peak %.1f MiB; slope %+.2f KiB per explanation (all), %+.2f (second half),"
                + " native %+.2f, heap used %+.2f; %s%n", r.explanations(), r.method(), r.seconds(),
                r.firstWindowRssKiB() / 1024, r.lastWindowRssKiB() / 1024, r.peakHwmKiB() / 1024.0, r.rssSlope(),
                r.rssSlopeSecondHalf(), r.nativeSlopeSecondHalf(), r.heapUsedSlopeSecondHalf(),
                r.verdict().equals("growing") ? "GROWING (over " + MemoryReport.FLAT_KIB_PER_EXPLANATION
                        + " KiB per explanation in the second half)" : r.verdict());
    }

    /** "1 fwd + 4 grad, 51 rows": passes per image, and the images that went through them. */
    static String calls(Map<String, Double> perImage) {
        List<String> parts = new ArrayList<>();
        add(parts, perImage.get("forwards"), "fwd");
        add(parts, perImage.get("gradient_passes"), "grad");
        add(parts, perImage.get("scaled_forwards"), "scaled fwd");
        String passes = parts.isEmpty() ? "none" : String.join(" + ", parts);
        Double rows = perImage.get("rows");
        return rows == null ? passes : passes + ", " + number(rows) + " rows";
    }

    private static void add(List<String> parts, Double count, String name) {
        if (count != null && count > 0) {
            parts.add(number(count) + " " + name);
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String sec(double seconds) {
        return String.format(Locale.ROOT, seconds < 0.1 ? "%.5f s" : "%.4f s", seconds);
    }

    private static String columns(List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                // names and call counts left-aligned, numbers right-aligned
                String cell = i < 2 ? pad(row[i], width[i], false) : pad(row[i], width[i], true);
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }
}
