package dev.loupe.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loupe.bench.memory.MemoryReport;
import dev.loupe.bench.memory.MemorySample;
import dev.loupe.core.stability.Internal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code bench.json}: the report as JSON. Seconds are per image; memory is in KiB. */
@Internal
public final class BenchJson {

    /** Bumped when a field changes meaning or goes away. */
    public static final int FORMAT = 1;

    private BenchJson() {
    }

    public static String toJson(BenchReport report) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree(report)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON tree as maps and lists, in field order. */
    public static Map<String, Object> tree(BenchReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.putAll(report.run());
        Map<String, Object> machine = machine();
        machine.put("load_average_before", report.load().before());
        machine.put("load_average_after", report.load().after());
        root.put("machine", machine);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("images", report.images());
        settings.put("image_shape", report.imageShape());
        settings.put("batch_size", report.settings().batchSize());
        settings.put("warmup_rounds", report.settings().warmupRounds());
        settings.put("rounds", report.settings().rounds());
        settings.put("min_round_seconds", report.settings().minRoundSeconds());
        settings.put("seed", report.settings().seed());
        settings.put("floor_inputs", report.settings().floorInputs().name().toLowerCase(java.util.Locale.ROOT));
        root.put("settings", settings);
        root.put("floor", "each method's engine calls (scopes, uploads, forward and backward passes with their hooks and"
                + " targets) recorded during its run and replayed back to back through the same backend, on the"
                + " method's own input values (floor_inputs: recorded) or random ones of the same shapes; includes the"
                + " backend adapter (layer taps, ReLU cuts), not bare libtorch");
        List<Map<String, Object>> methods = new ArrayList<>();
        for (MethodResult m : report.methods()) {
            methods.add(method(m));
        }
        root.put("methods", methods);
        root.put("bare_engine", report.bare() == null ? null : bare(report.bare()));
        root.put("memory", report.memory() == null ? null : memory(report.memory()));
        root.put("total_seconds", report.seconds());
        return root;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("max_heap_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return m;
    }

    private static Map<String, Object> method(MethodResult m) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", m.name());
        e.put("parameters", m.parameters());
        e.put("status", m.skipped() != null ? "skipped" : m.timed() ? "timed" : "not-timed");
        if (m.skipped() != null) {
            e.put("reason", m.skipped());
            return e;
        }
        e.put("calls_per_image", m.callsPerImage());
        e.put("passes_over_the_images_per_round", m.repeats());
        e.put("floor_inputs", m.floorInputs());
        if (m.timed()) {
            e.put("method_seconds_per_image", m.methodSeconds());
            e.put("floor_seconds_per_image", m.floorSeconds());
            e.put("ratio", m.ratio());
            e.put("overhead_percent", m.overheadPercent());
            e.put("ratio_spread", m.ratioSpread());
        }
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (Round r : m.rounds()) {
            Map<String, Object> round = new LinkedHashMap<>();
            round.put("method_seconds_per_image", r.methodSeconds());
            round.put("floor_seconds_per_image", r.floorSeconds());
            rounds.add(round);
        }
        e.put("rounds", rounds);
        return e;
    }

    private static Map<String, Object> bare(BareResult b) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("description", b.description());
        if (b.timed()) {
            e.put("forward_seconds_per_image", b.forwardSeconds());
            e.put("forward_backward_seconds_per_image", b.forwardBackwardSeconds());
            e.put("adapter_forward_seconds_per_image", b.adapterForwardSeconds());
            e.put("adapter_forward_backward_seconds_per_image", b.adapterForwardBackwardSeconds());
            e.put("adapter_forward_percent", b.forwardAdapterPercent());
            e.put("adapter_forward_backward_percent", b.forwardBackwardAdapterPercent());
        }
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (double[] r : b.rounds()) {
            Map<String, Object> round = new LinkedHashMap<>();
            round.put("forward", r[0]);
            round.put("adapter_forward", r[1]);
            round.put("forward_backward", r[2]);
            round.put("adapter_forward_backward", r[3]);
            rounds.add(round);
        }
        e.put("rounds", rounds);
        return e;
    }

    private static Map<String, Object> memory(MemoryReport r) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("method", r.method());
        e.put("explanations", r.explanations());
        e.put("batch_size", r.batchSize());
        e.put("sample_every", r.every());
        e.put("seconds", r.seconds());
        e.put("first_window_rss_kib", r.firstWindowRssKiB());
        e.put("last_window_rss_kib", r.lastWindowRssKiB());
        e.put("peak_rss_kib", r.peakHwmKiB());
        e.put("rss_slope_kib_per_explanation", r.rssSlope());
        e.put("rss_slope_second_half_kib_per_explanation", r.rssSlopeSecondHalf());
        e.put("native_slope_second_half_kib_per_explanation", r.nativeSlopeSecondHalf());
        e.put("first_window_heap_used_kib", r.firstWindowHeapUsedKiB());
        e.put("last_window_heap_used_kib", r.lastWindowHeapUsedKiB());
        e.put("heap_used_slope_second_half_kib_per_explanation", r.heapUsedSlopeSecondHalf());
        e.put("verdict", r.verdict());
        e.put("flat_threshold_kib_per_explanation", MemoryReport.FLAT_KIB_PER_EXPLANATION);
        List<Map<String, Object>> samples = new ArrayList<>();
        for (MemorySample s : r.samples()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("explanations", s.explanations());
            m.put("seconds", s.seconds());
            m.put("rss_kib", s.rssKiB());
            m.put("hwm_kib", s.hwmKiB());
            m.put("heap_used_kib", s.heapUsedKiB());
            m.put("heap_committed_kib", s.heapCommittedKiB());
            m.put("non_heap_committed_kib", s.nonHeapCommittedKiB());
            m.put("native_kib", s.nativeKiB());
            samples.add(m);
        }
        e.put("samples", samples);
        return e;
    }
}
