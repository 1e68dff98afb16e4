package dev.loupe.bench;

import dev.loupe.bench.memory.MemoryProbe;
import dev.loupe.bench.memory.MemoryReport;
import dev.loupe.bench.memory.MemorySample;
import dev.loupe.bench.trace.CapturedInputs;
import dev.loupe.bench.trace.EngineCall;
import dev.loupe.bench.trace.Shape;
import dev.loupe.bench.trace.ReplayInputs;
import dev.loupe.bench.trace.RecordingModel;
import dev.loupe.bench.trace.Replay;
import dev.loupe.bench.trace.Trace;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.explain.Explanations;
import dev.loupe.core.explain.ImageSource;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.explain.Target;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times methods against their floor on one model and one set of images, and watches memory over
 * many explanations. The floor of a method is the engine calls it made (recorded through
 * {@link RecordingModel}) replayed back to back by {@link Replay}: the same passes on the same
 * backend, with no method code in between. Method runs and replays alternate, round after round,
 * so that the machine's noise hits both; the first rounds are discarded as warm-up.
 */
@Internal
public final class Benchmark {

    private final ExplainerRegistry registry;
    private final ExplainableModel model;
    private final List<FloatArray> batches;
    private final int images;
    private final Target target;
    private final Labels labels;
    private final ImageSource imageSource;
    private final BenchSettings settings;
    private final PrintWriter progress;

    /**
     * @param images preprocessed images, each (C, H, W), all of one shape
     * @param progress where one line per finished method goes (stderr for the command line)
     */
    public Benchmark(ExplainerRegistry registry, ExplainableModel model, List<FloatArray> images, Target target,
            Labels labels, ImageSource imageSource, BenchSettings settings, PrintWriter progress) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images");
        }
        this.registry = registry;
        this.model = model;
        this.images = images.size();
        this.batches = batches(images, settings.batchSize());
        this.target = target;
        this.labels = labels;
        this.imageSource = imageSource;
        this.settings = settings;
        this.progress = progress;
    }

    private static List<FloatArray> batches(List<FloatArray> images, int size) {
        List<FloatArray> result = new ArrayList<>();
        for (int from = 0; from < images.size(); from += size) {
            result.add(FloatArray.stack(images.subList(from, Math.min(images.size(), from + size))));
        }
        return result;
    }

    public int imageCount() {
        return images;
    }

    public BenchSettings settings() {
        return settings;
    }

    /**
     * Times {@code method} with {@code parameters} (validated by its provider, defaults filled in).
     * A method this model cannot run (missing capability, or an error on the first images) comes
     * back skipped, with the reason; bad parameters are the caller's mistake and are thrown.
     */
    public MethodResult time(String method, Map<String, ?> parameters) {
        Map<String, Object> filled = registry.get(method).parameters().validate(method, parameters).asMap();
        RecordingModel recorder = new RecordingModel(model);
        Explainer explainer;
        try {
            explainer = registry.create(method, parameters, recorder);
        } catch (LoupeException e) {
            if (e.kind() == ErrorKind.USAGE) {
                throw e;
            }
            return skip(method, filled, e.getMessage());
        }
        Timing timing = new Timing(explainer, recorder);
        List<Round> rounds = new ArrayList<>();
        long started = System.nanoTime();
        int repeats = 1;
        for (int r = 0; r < settings.warmupRounds() + settings.rounds(); r++) {
            try {
                timing.round(r, repeats);
            } catch (RuntimeException e) {
                return skip(method, filled, (r == 0 ? "" : "round " + (r + 1) + ": ") + timing.phase + " failed: "
                        + reason(e));
            }
            if (r == settings.warmupRounds() - 1 || r == 0 && settings.warmupRounds() == 0) {
                // one more pass, after warm-up, to learn how long the method takes once its one-time
                // costs (tapped copies, JIT) are paid
                try {
                    repeats = repeatsFor(timing.calibrate());
                } catch (RuntimeException e) {
                    return skip(method, filled, "the method failed: " + reason(e));
                }
            }
            if (r >= settings.warmupRounds()) {
                rounds.add(new Round(timing.methodNanos / 1e9 / (images * timing.repeats),
                        timing.floorNanos / 1e9 / (images * timing.repeats)));
            }
        }
        Map<String, Double> perImage = new LinkedHashMap<>();
        if (timing.traces[0] != null) {
            Trace.summary(List.of(timing.traces)).forEach((k, v) -> perImage.put(k, (double) v / images));
        }
        MethodResult result = new MethodResult(method, filled, null, perImage, rounds, repeats,
                floorInputs(timing.recordedBatches()));
        if (result.timed()) {
            progress.printf("bench: %-22s %.4f s per image, floor %.4f s, overhead %+.1f %% (%d x %d image(s) per"
                    + " round, %.0f s)%n", method, result.methodSeconds(), result.floorSeconds(), result.overheadPercent(),
                    repeats, images, seconds(started));
        } else {
            progress.printf("bench: %-22s ran %d warm-up round(s), no timed round%n", method, settings.warmupRounds());
        }
        progress.flush();
        return result;
    }

    private String floorInputs(int recordedBatches) {
        if (settings.floorInputs() == BenchSettings.FloorInputs.RANDOM) {
            return "random";
        }
        return recordedBatches == batches.size() ? "recorded"
                : recordedBatches + " of " + batches.size() + " batches recorded, the rest random (memory budget)";
    }

    /** Passes over the images per round, so that a round of the method lasts at least {@code minRoundSeconds}. */
    private int repeatsFor(long passNanos) {
        double seconds = Math.max(passNanos / 1e9, 1e-6);
        return (int) Math.max(1, Math.min(100_000, Math.ceil(settings.minRoundSeconds() / seconds)));
    }

    /**
     * One method's rounds. Method and floor alternate batch by batch, and which of the two goes
     * first alternates too (A B, B A, A B, ...), so that whatever else the machine does hits both
     * alike; a replay that goes first replays the calls the method made on that batch last time.
     */
    private final class Timing {

        private final Explainer explainer;
        private final RecordingModel recorder;
        private final Trace[] traces = new Trace[batches.size()];
        private final CapturedInputs[] captured = new CapturedInputs[batches.size()];
        private final ReplayInputs[] inputs = new ReplayInputs[batches.size()];
        private long capturedBytes;
        private long methodNanos;
        private long floorNanos;
        private int repeats;
        private long turn;
        private int round;
        private String phase = "the method";

        Timing(Explainer explainer, RecordingModel recorder) {
            this.explainer = explainer;
            this.recorder = recorder;
        }

        void round(int round, int repeats) {
            this.round = round;
            this.repeats = repeats;
            methodNanos = 0;
            floorNanos = 0;
            java.util.Arrays.fill(inputs, null); // random values are drawn afresh every round
            for (int k = 0; k < repeats; k++) {
                for (int b = 0; b < batches.size(); b++) {
                    if (traces[b] == null || turn++ % 2 == 0) {
                        method(b);
                        floor(b);
                    } else {
                        floor(b);
                        method(b);
                    }
                }
            }
        }

        /** One pass of the method over the images, timed, not counted. */
        long calibrate() {
            long before = methodNanos;
            for (int b = 0; b < batches.size(); b++) {
                method(b);
            }
            long spent = methodNanos - before;
            methodNanos = before;
            return spent;
        }

        /** How many batches' replays run on the method's own values (the rest on random ones). */
        int recordedBatches() {
            int n = 0;
            for (CapturedInputs c : captured) {
                n += c != null && !c.isEmpty() ? 1 : 0;
            }
            return n;
        }

        private void method(int b) {
            phase = "the method";
            boolean capture = settings.floorInputs() == BenchSettings.FloorInputs.RECORDED && captured[b] == null
                    && capturedBytes < BenchSettings.CAPTURE_BUDGET_BYTES;
            recorder.start(capture);
            long t0 = System.nanoTime();
            try {
                Explanations.explain(explainer, recorder, batches.get(b), List.of(target), labels, imageSource);
            } finally {
                methodNanos += System.nanoTime() - t0 - recorder.captureNanos();
                Trace trace = recorder.finish();
                if (capture) {
                    captured[b] = recorder.captured();
                    capturedBytes += captured[b].bytes();
                    inputs[b] = null;
                } else if (!trace.equals(traces[b]) && captured[b] != null) {
                    // the method changed its calls: the captured values no longer fit; capture again
                    capturedBytes -= captured[b].bytes();
                    captured[b] = null;
                    inputs[b] = null;
                }
                if (!trace.equals(traces[b])) {
                    inputs[b] = null;
                }
                traces[b] = trace;
            }
        }

        private void floor(int b) {
            phase = "replaying its engine calls (the floor)";
            if (inputs[b] == null) {
                long seed = settings.seed() * 1_000_003L + round * 1009L + b;
                inputs[b] = ReplayInputs.of(traces[b], captured[b] == null ? CapturedInputs.none() : captured[b], seed);
            }
            long t0 = System.nanoTime();
            Replay.run(traces[b], model, inputs[b]);
            floorNanos += System.nanoTime() - t0;
        }
    }

    private MethodResult skip(String method, Map<String, Object> parameters, String reason) {
        progress.printf("bench: %-22s skipped: %s%n", method, reason);
        progress.flush();
        return MethodResult.skipped(method, parameters, reason);
    }

    private static String reason(RuntimeException e) {
        if (e instanceof LoupeException loupe && loupe.kind() != ErrorKind.INTERNAL) {
            return loupe.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /**
     * The bare engine's forward and forward+backward, same batches and rounds as the methods,
     * interleaved batch by batch with the same two passes through the model's backend (a replay of
     * an upload and a plain forward, or a gradient pass at the top class): the difference is
     * what Loupe's backend adapter adds to the simplest passes.
     */
    public BareResult timeBare(BareEngine bare) {
        List<Trace> forwardTraces = new ArrayList<>();
        List<Trace> gradientTraces = new ArrayList<>();
        for (FloatArray batch : batches) {
            Shape shape = Shape.of(batch.shape());
            forwardTraces.add(new Trace(List.of(new EngineCall.ScopeOpened(0), new EngineCall.Upload(0, shape),
                    new EngineCall.Forward(0, shape, HookSpec.none(), 1), new EngineCall.ScopeClosed(0))));
            gradientTraces.add(new Trace(List.of(new EngineCall.ScopeOpened(0), new EngineCall.Upload(0, shape),
                    new EngineCall.Gradients(0, shape, HookSpec.inputOnly(), List.of(), 1),
                    new EngineCall.ScopeClosed(0))));
        }
        long[] nanos = new long[4]; // bare forward, adapter forward, bare forward+backward, adapter forward+backward
        List<double[]> rounds = new ArrayList<>();
        int repeats = 1;
        long turn = 0;
        for (int r = 0; r < settings.warmupRounds() + settings.rounds(); r++) {
            java.util.Arrays.fill(nanos, 0);
            for (int k = 0; k < repeats; k++) {
                for (int b = 0; b < batches.size(); b++) {
                    FloatArray batch = batches.get(b);
                    ReplayInputs values = ReplayInputs.of(forwardTraces.get(b), CapturedInputs.ofUpload(1, batch), 0);
                    boolean bareFirst = turn++ % 2 == 0;
                    for (int pass = 0; pass < 2; pass++) {
                        Trace adapter = pass == 0 ? forwardTraces.get(b) : gradientTraces.get(b);
                        Runnable direct = pass == 0 ? () -> bare.forward(batch) : () -> bare.forwardBackward(batch);
                        Runnable through = () -> Replay.run(adapter, model, values);
                        nanos[2 * pass + (bareFirst ? 0 : 1)] += timed(bareFirst ? direct : through);
                        nanos[2 * pass + (bareFirst ? 1 : 0)] += timed(bareFirst ? through : direct);
                    }
                }
            }
            if (r >= settings.warmupRounds()) {
                double[] perImage = new double[4];
                for (int i = 0; i < 4; i++) {
                    perImage[i] = nanos[i] / 1e9 / (images * repeats);
                }
                rounds.add(perImage);
            }
            if (r == settings.warmupRounds() - 1 || r == 0 && settings.warmupRounds() == 0) {
                long pass = 0;
                for (int b = 0; b < batches.size(); b++) {
                    FloatArray batch = batches.get(b);
                    ReplayInputs values = ReplayInputs.of(forwardTraces.get(b), CapturedInputs.ofUpload(1, batch), 0);
                    Trace forwardTrace = forwardTraces.get(b);
                    Trace gradientTrace = gradientTraces.get(b);
                    pass += timed(() -> bare.forward(batch)) + timed(() -> Replay.run(forwardTrace, model, values))
                            + timed(() -> bare.forwardBackward(batch))
                            + timed(() -> Replay.run(gradientTrace, model, values));
                }
                repeats = repeatsFor(pass);
            }
        }
        BareResult result = new BareResult(bare.description(), rounds);
        if (!rounds.isEmpty()) {
            progress.printf("bench: %-22s forward %.4f s per image (adapter %+.1f %%), forward+backward %.4f s (adapter"
                    + " %+.1f %%)%n", "(bare engine)", result.forwardSeconds(), result.forwardAdapterPercent(),
                    result.forwardBackwardSeconds(), result.forwardBackwardAdapterPercent());
            progress.flush();
        }
        return result;
    }

    private static long timed(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return System.nanoTime() - t0;
    }

    /**
     * {@code count} explanations of {@code method}, cycling through the image batches, after one
     * explanation of warm-up; {@code probe} samples memory before the first and after every
     * {@code every}-th (and the last). Runs on the model itself, without recording.
     */
    public MemoryReport memory(String method, Map<String, ?> parameters, long count, long every, MemoryProbe probe) {
        if (count < 1 || every < 1) {
            throw new IllegalArgumentException("count " + count + ", every " + every);
        }
        Explainer explainer = registry.create(method, parameters, model);
        explain(explainer, batches.get(0));
        List<MemorySample> samples = new ArrayList<>();
        samples.add(probe.sample(0, 0));
        long spent = 0;
        long reported = System.nanoTime();
        for (long i = 1; i <= count; i++) {
            long t0 = System.nanoTime();
            explain(explainer, batches.get((int) ((i - 1) % batches.size())));
            spent += System.nanoTime() - t0;
            if (i % every == 0 || i == count) {
                samples.add(probe.sample(i, spent / 1e9));
            }
            if (System.nanoTime() - reported > 30_000_000_000L) {
                MemorySample last = samples.get(samples.size() - 1);
                progress.printf("bench: memory, %d of %d explanations of %s, RSS %d MiB%n", i, count, method,
                        last.rssKiB() / 1024);
                progress.flush();
                reported = System.nanoTime();
            }
        }
        MemoryReport report = new MemoryReport(method, count, every, settings.batchSize(), spent / 1e9, samples);
        progress.printf("bench: memory, %d explanations of %s in %.0f s: RSS %.1f -> %.1f MiB, %+.2f KiB per"
                + " explanation over the second half%n", count, method, spent / 1e9, report.firstWindowRssKiB() / 1024,
                report.lastWindowRssKiB() / 1024, report.rssSlopeSecondHalf());
        progress.flush();
        return report;
    }

    private void explain(Explainer explainer, FloatArray batch) {
        Explanations.explain(explainer, model, batch, List.of(target), labels, imageSource);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
