package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.bench.memory.MemoryReport;
import dev.loupe.bench.memory.MemorySample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchJsonTest {

    static BenchReport report() {
        MethodResult timed = new MethodResult("saliency", Map.of("a", 1L), null,
                Map.of("forwards", 0.0, "gradient_passes", 1.0, "rows", 1.0),
                List.of(new Round(0.011, 0.010), new Round(0.012, 0.010), new Round(0.013, 0.011)), 7, "recorded");
        MethodResult skipped = MethodResult.skipped("cam", Map.of(), "no GAP + linear head");
        MemoryReport memory = new MemoryReport("saliency", 20, 10, 1, 0.5, List.of(
                new MemorySample(0, 0, 1000, 1100, 10, 20, 30),
                new MemorySample(10, 0.25, 1020, 1100, 10, 20, 30),
                new MemorySample(20, 0.5, 1040, 1120, 10, 20, 30)));
        BareResult bare = new BareResult("bare engine", List.of(new double[] {0.004, 0.0044, 0.009, 0.0099},
                new double[] {0.005, 0.0055, 0.008, 0.0084}));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("loupe", "test");
        run.put("model", Map.of("file", "m.pt"));
        return new BenchReport(run, new BenchSettings(1, 3, 2.0, 1, 42), 6, new long[] {3, 80, 80},
                List.of(timed, skipped), bare, memory, new LoadAverage(0.5, 1.5), 12.5);
    }

    @Test
    void theJsonHasEveryFieldUnderItsName() throws Exception {
        JsonNode root = new ObjectMapper().readTree(BenchJson.toJson(report()));

        assertThat(root.get("format").asInt()).isEqualTo(BenchJson.FORMAT);
        assertThat(root.get("loupe").asText()).isEqualTo("test");
        assertThat(root.get("model").get("file").asText()).isEqualTo("m.pt");
        assertThat(root.get("machine").get("cores").asInt()).isPositive();
        assertThat(root.get("machine").get("load_average_after").asDouble()).isEqualTo(1.5);
        assertThat(root.get("settings").get("image_shape").toString()).isEqualTo("[3,80,80]");
        assertThat(root.get("settings").get("rounds").asInt()).isEqualTo(3);
        assertThat(root.get("floor").asText()).contains("replayed");
        assertThat(root.get("total_seconds").asDouble()).isEqualTo(12.5);

        JsonNode saliency = root.get("methods").get(0);
        assertThat(saliency.get("name").asText()).isEqualTo("saliency");
        assertThat(saliency.get("status").asText()).isEqualTo("timed");
        assertThat(saliency.get("parameters").get("a").asLong()).isEqualTo(1);
        assertThat(saliency.get("calls_per_image").get("gradient_passes").asDouble()).isEqualTo(1.0);
        assertThat(saliency.get("method_seconds_per_image").asDouble()).isEqualTo(0.012);
        assertThat(saliency.get("floor_seconds_per_image").asDouble()).isEqualTo(0.010);
        // the median of the rounds' ratios 1.1, 1.2 and 1.1818..., not the ratio of the medians (1.2)
        assertThat(saliency.get("ratio").asDouble()).isEqualTo(0.013 / 0.011, within(1e-12));
        assertThat(saliency.get("overhead_percent").asDouble()).isEqualTo((0.013 / 0.011 - 1) * 100, within(1e-9));
        assertThat(saliency.get("rounds")).hasSize(3);
        assertThat(saliency.get("passes_over_the_images_per_round").asInt()).isEqualTo(7);
        assertThat(saliency.get("floor_inputs").asText()).isEqualTo("recorded");
        assertThat(saliency.get("rounds").get(0).get("method_seconds_per_image").asDouble()).isEqualTo(0.011);

        JsonNode cam = root.get("methods").get(1);
        assertThat(cam.get("status").asText()).isEqualTo("skipped");
        assertThat(cam.get("reason").asText()).isEqualTo("no GAP + linear head");
        assertThat(cam.has("ratio")).isFalse();

        JsonNode bare = root.get("bare_engine");
        assertThat(bare.get("forward_seconds_per_image").asDouble()).isCloseTo(0.0045, within(1e-12));
        assertThat(bare.get("forward_backward_seconds_per_image").asDouble()).isCloseTo(0.0085, within(1e-12));
        assertThat(bare.get("adapter_forward_seconds_per_image").asDouble()).isCloseTo(0.00495, within(1e-12));
        assertThat(bare.get("adapter_forward_percent").asDouble()).isCloseTo(10, within(1e-9));
        assertThat(bare.get("adapter_forward_backward_percent").asDouble()).isCloseTo(7.5, within(1e-9)); // 10 % and 5 %
        assertThat(bare.get("rounds")).hasSize(2);

        JsonNode memory = root.get("memory");
        assertThat(memory.get("method").asText()).isEqualTo("saliency");
        assertThat(memory.get("explanations").asInt()).isEqualTo(20);
        assertThat(memory.get("samples")).hasSize(3);
        assertThat(memory.get("samples").get(2).get("rss_kib").asLong()).isEqualTo(1040);
        assertThat(memory.get("samples").get(2).get("native_kib").asLong()).isEqualTo(990);
        assertThat(memory.get("rss_slope_kib_per_explanation").asDouble()).isCloseTo(2.0, within(1e-12));
        assertThat(memory.get("peak_rss_kib").asLong()).isEqualTo(1120);
        assertThat(memory.get("verdict").asText()).startsWith("too few explanations");
    }

    @Test
    void absentPartsAreNull() throws Exception {
        BenchReport r = report();
        BenchReport bare = new BenchReport(r.run(), r.settings(), r.images(), r.imageShape(), r.methods(), null, null, r.load(), 1);
        JsonNode root = new ObjectMapper().readTree(BenchJson.toJson(bare));
        assertThat(root.get("bare_engine").isNull()).isTrue();
        assertThat(root.get("memory").isNull()).isTrue();
    }

    @Test
    void loadAverageIsTheFirstField() {
        assertThat(LoadAverage.parse("0.52 0.58 0.59 1/467 12345\n")).isEqualTo(0.52);
    }

    @Test
    void theTableShowsTimedAndSkippedMethods() {
        String table = BenchTable.format(report());
        assertThat(table).contains("saliency").contains("1 grad, 1 rows").contains("+18.2 %")
                .contains("skipped cam: no GAP + linear head").contains("bare engine (bare engine)").contains("(+10.0 %)")
                .contains("memory: 20 explanations of saliency").contains("load average (1 min) 0.50 before, 1.50 after");
    }
}
