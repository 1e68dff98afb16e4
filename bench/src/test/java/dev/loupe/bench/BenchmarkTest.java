package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.bench.memory.MemoryReport;
import dev.loupe.bench.memory.MemorySample;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.ImageSource;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.explain.Target;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.tensor.FloatArray;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's bookkeeping on the fake engine; nothing here is timed against anything. */
class BenchmarkTest {

    private final StringWriter progress = new StringWriter();

    private Benchmark bench(FakeEngine engine, int warmup, int rounds, int batch) {
        List<FloatArray> images = List.of(FloatArray.zeros(3, 4, 4), FloatArray.zeros(3, 4, 4), FloatArray.zeros(3, 4, 4));
        return new Benchmark(FakeMethods.registry(), engine, images, Target.top(), Labels.none(), ImageSource.none(),
                new BenchSettings(warmup, rounds, 0, batch, 1), new PrintWriter(progress, true));
    }

    @Test
    void eachRoundRunsTheMethodAndItsReplayOnEveryBatch() {
        FakeEngine engine = new FakeEngine();
        MethodResult result = bench(engine, 1, 3, 2).time("fake-mixed", Map.of());

        assertThat(result.skipped()).isNull();
        assertThat(result.timed()).isTrue();
        assertThat(result.rounds()).hasSize(3);
        assertThat(result.parameters()).containsEntry("steps", 3L);
        // 4 rounds x 2 batches x (method + replay), and a calibration pass of the method after warm-up;
        // one plain forward each
        assertThat(engine.log.stream().filter(l -> l.contains(" forward [")).count()).isEqualTo(18);
        assertThat(engine.openScopes()).isZero();
        // per image over 3 images: batches of 2 and 1 image; rows 8 and 5
        assertThat(result.callsPerImage().get("forwards")).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(result.callsPerImage().get("gradient_passes")).isCloseTo(4 / 3.0, within(1e-12));
        assertThat(result.callsPerImage().get("rows")).isCloseTo(13 / 3.0, within(1e-12));
        for (Round r : result.rounds()) {
            assertThat(r.methodSeconds()).isPositive();
            assertThat(r.floorSeconds()).isPositive();
        }
        assertThat(progress.toString()).contains("fake-mixed").contains("overhead");
    }

    @Test
    void methodAndFloorAlternateWhichGoesFirst() {
        FakeEngine engine = new FakeEngine();
        MethodResult result = bench(engine, 1, 3, 3).time("fake-mixed", Map.of()); // one batch of 3

        assertThat(result.repeats()).isEqualTo(1);
        assertThat(result.floorInputs()).isEqualTo("recorded");
        // the method's guided pass runs on a computed input, the replay's on an uploaded random one
        List<String> order = engine.log.stream().filter(l -> l.contains(" gradients ") && l.contains("GUIDED"))
                .map(l -> l.contains("from computed") ? "method" : "floor").toList();
        assertThat(order).containsExactly("method", "floor", // warm-up
                "method", // calibration: how many passes over the images make a round of min-round-seconds
                "method", "floor", "floor", "method", "method", "floor");
    }

    @Test
    void randomFloorInputsAreSaidSo() {
        List<FloatArray> images = List.of(FloatArray.zeros(3, 4, 4));
        Benchmark bench = new Benchmark(FakeMethods.registry(), new FakeEngine(), images, Target.top(), Labels.none(),
                ImageSource.none(), new BenchSettings(0, 2, 0, 1, 1, BenchSettings.FloorInputs.RANDOM),
                new PrintWriter(progress, true));
        assertThat(bench.time("fake-mixed", Map.of()).floorInputs()).isEqualTo("random");
    }

    @Test
    void aMissingCapabilityIsASkipWithTheReason() {
        FakeEngine engine = new FakeEngine(4, EnumSet.of(Capability.FORWARD));
        MethodResult result = bench(engine, 1, 1, 1).time("fake-needs-scaling", Map.of());

        assertThat(result.timed()).isFalse();
        assertThat(result.skipped()).contains("LAYER_SCALING");
        assertThat(progress.toString()).contains("fake-needs-scaling").contains("skipped");
        assertThat(engine.log).isEmpty();
    }

    @Test
    void aMethodErrorIsASkipWithTheReason() {
        MethodResult result = bench(new FakeEngine(), 1, 2, 1).time("fake-broken", Map.of("steps", 2));

        assertThat(result.skipped()).isEqualTo("the method failed: this model has no GAP + linear head");
        assertThat(result.parameters()).containsEntry("steps", 2L);
    }

    @Test
    void badParametersAreTheCallersMistake() {
        assertThatThrownBy(() -> bench(new FakeEngine(), 1, 1, 1).time("fake-mixed", Map.of("stpes", 2)))
                .isInstanceOf(LoupeException.class).hasMessageContaining("stpes");
    }

    @Test
    void withoutTimedRoundsTheMethodStillRunsItsWarmUp() {
        FakeEngine engine = new FakeEngine();
        MethodResult result = bench(engine, 1, 0, 3).time("fake-mixed", Map.of());

        assertThat(result.timed()).isFalse();
        assertThat(result.skipped()).isNull();
        assertThat(engine.log).isNotEmpty();
    }

    @Test
    void theMemoryRunSamplesAtTheStartEveryKAndAtTheEnd() {
        FakeEngine engine = new FakeEngine();
        MemoryReport report = bench(engine, 0, 0, 1).memory("fake-mixed", Map.of(), 25, 10,
                (n, seconds) -> new MemorySample(n, seconds, 1000 + n, 2000, 10, 20, 30));

        assertThat(report.samples()).extracting(MemorySample::explanations).containsExactly(0L, 10L, 20L, 25L);
        assertThat(report.rssSlope()).isCloseTo(1.0, within(1e-9));
        // 26 explanations (one of warm-up), two scopes each, all closed
        assertThat(engine.log.stream().filter(l -> l.startsWith("open ")).count()).isEqualTo(52);
        assertThat(engine.openScopes()).isZero();
    }

    @Test
    void theBareEngineIsTimedOnTheSameBatches() {
        List<String> calls = new java.util.ArrayList<>();
        BareEngine bare = new BareEngine() {
            @Override
            public String description() {
                return "bare";
            }

            @Override
            public void forward(FloatArray batch) {
                calls.add("f" + batch.dim(0));
            }

            @Override
            public void forwardBackward(FloatArray batch) {
                calls.add("fb" + batch.dim(0));
            }

            @Override
            public void close() {
            }
        };
        FakeEngine engine = new FakeEngine();
        BareResult result = bench(engine, 1, 2, 2).timeBare(bare);

        assertThat(result.rounds()).hasSize(2);
        // warm-up, calibration, 2 rounds; batches of 2 and 1 images
        assertThat(calls).containsExactly("f2", "fb2", "f1", "fb1", "f2", "fb2", "f1", "fb1", "f2", "fb2", "f1", "fb1",
                "f2", "fb2", "f1", "fb1");
        // the same passes through the backend, as many: a plain forward and an input gradient at the top class
        assertThat(engine.log.stream().filter(l -> l.contains(" forward [")).count()).isEqualTo(8);
        assertThat(engine.log.stream().filter(l -> l.contains(" gradients [")).toList()).hasSize(8)
                .allMatch(l -> l.contains(HookSpec.inputOnly().toString()));
        assertThat(engine.log.get(2)).isEqualTo("0 forward [2, 3, 4, 4] from upload#0 " + HookSpec.none());
        assertThat(engine.openScopes()).isZero();
    }
}
