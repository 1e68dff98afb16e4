package dev.loupe.bench;

import dev.loupe.bench.memory.MemoryReport;
import dev.loupe.core.stability.Internal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run found.
 *
 * @param run what was run, for provenance (Loupe's version, model, preprocessing, command); written as given
 * @param imageShape the shape (C, H, W) of every image
 * @param bare the bare engine's timings, or {@code null}
 * @param memory the memory run, or {@code null}
 * @param load the machine's load average before and after
 * @param seconds the whole run's wall time, model loading excluded
 */
@Internal
public record BenchReport(Map<String, Object> run, BenchSettings settings, int images, long[] imageShape,
        List<MethodResult> methods, BareResult bare, MemoryReport memory, LoadAverage load, double seconds) {

    public BenchReport {
        run = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(run));
        imageShape = imageShape.clone();
        methods = List.copyOf(methods);
    }

    @Override
    public long[] imageShape() {
        return imageShape.clone();
    }
}
