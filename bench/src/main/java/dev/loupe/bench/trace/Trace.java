package dev.loupe.bench.trace;

import dev.loupe.core.stability.Internal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The engine calls of one explanation, in the order they were made. */
@Internal
public record Trace(List<EngineCall> calls) {

    public Trace {
        calls = List.copyOf(calls);
    }

    public long count(Class<? extends EngineCall> kind) {
        return calls.stream().filter(kind::isInstance).count();
    }

    /** Images that went through forward or backward passes: the sum of every pass's batch size. */
    public long rows() {
        return calls.stream().filter(EngineCall.Pass.class::isInstance)
                .mapToLong(c -> ((EngineCall.Pass) c).input().rows()).sum();
    }

    /** Counts per kind of call, for reports: forwards, gradient passes, scaled forwards, uploads, rows, scopes. */
    public Map<String, Long> summary() {
        Map<String, Long> s = new LinkedHashMap<>();
        s.put("forwards", count(EngineCall.Forward.class));
        s.put("gradient_passes", count(EngineCall.Gradients.class));
        s.put("scaled_forwards", count(EngineCall.ForwardScaled.class));
        s.put("uploads", count(EngineCall.Upload.class));
        s.put("rows", rows());
        s.put("scopes", count(EngineCall.ScopeOpened.class));
        return s;
    }

    /** The sum of several traces' summaries. */
    public static Map<String, Long> summary(List<Trace> traces) {
        Map<String, Long> total = new LinkedHashMap<>();
        for (Trace t : traces) {
            t.summary().forEach((k, v) -> total.merge(k, v, Long::sum));
        }
        return total;
    }
}
