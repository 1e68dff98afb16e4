package dev.loupe.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.bench.memory.MemoryProbe;
import dev.loupe.bench.memory.MemoryReport;
import dev.loupe.bench.memory.MemorySample;
import dev.loupe.core.explain.Target;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.render.image.PreprocessedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One loaded model shared by {@value #THREADS} threads explaining at once, on both backends (the
 * quickstart TorchScript file through DJL, its TensorFlow twin): every map equals, bit for bit,
 * the one a single thread gets for the same image and method, and the process's resident memory
 * does not grow with the number of explanations.
 *
 * <p>Bit-identical is the claim, not a tolerance: each call runs one image through the same
 * kernels with the same intra-op thread pool, so the sums are done in the same order whatever the
 * other threads do. Memory: after a warm-up, {@value #MEMORY_ROUNDS} rounds of every thread
 * explaining one image with each method, RSS sampled (after a full GC) after each round; the
 * least-squares RSS slope over the second half must stay under
 * {@link MemoryReport#FLAT_KIB_PER_EXPLANATION} KiB per explanation, the benchmark's own bound
 * for "flat" (a leaked 3x80x80 input alone would be 75 KiB per explanation).
 */
class ConcurrentExplainTest {

    static final int THREADS = 4;
    /** Rounds of the bit-identity check: each thread explains all 6 images with both methods per round. */
    static final int ROUNDS = 5;
    static final int WARMUP_ROUNDS = 20;
    static final int MEMORY_ROUNDS = Integer.getInteger("loupe.memoryRounds", 100);

    record Backend(String name, Path model, String layer, String otherLayer) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> backends() {
        return Stream.of(
                Arguments.of(new Backend("djl", Fixtures.path("quickstart/shapes_cnn.pt"), "features.13", "features.11")),
                Arguments.of(new Backend("tensorflow", Fixtures.path("tf/shapes_cnn/graph"), "features/13", "features/11")));
    }

    /** One unit of work: a method on an image. */
    record Job(int method, int image) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void threadsSharingOneModelGetTheSingleThreadMapsAndMemoryStaysFlat(Backend backend) throws Exception {
        List<PreprocessedImage> images;
        try (LoupeModel model = Loupe.model(backend.model()).inputSize(3, 80, 80).open()) {
            assertThat(model.description().backend()).isEqualTo(backend.name());
            images = LoupeApiTest.referenceImages().stream().map(model::prepare).toList();
            List<LoupeExplainer> methods = List.of(model.explainer("saliency"),
                    model.explainer("grad-cam", Params.of("layer", backend.layer())));

            FloatArray[][] single = new FloatArray[methods.size()][images.size()];
            for (int m = 0; m < methods.size(); m++) {
                for (int i = 0; i < images.size(); i++) {
                    single[m][i] = explain(methods.get(m), images.get(i));
                }
            }

            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                long start = System.nanoTime();
                List<Callable<Integer>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    List<Job> jobs = shuffledJobs(methods.size(), images.size(), ROUNDS, t);
                    workers.add(() -> {
                        int checked = 0;
                        for (Job job : jobs) {
                            FloatArray map = explain(methods.get(job.method()), images.get(job.image()));
                            assertThat(map.data()).as("%s %s image %d", backend, methods.get(job.method()).method(), job.image())
                                    .containsExactly(single[job.method()][job.image()].data());
                            checked++;
                        }
                        return checked;
                    });
                }
                int checked = 0;
                for (Future<Integer> done : pool.invokeAll(workers)) {
                    checked += done.get();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                assertThat(checked).isEqualTo(THREADS * ROUNDS * methods.size() * images.size());
                System.out.printf(Locale.ROOT, "%s: %d threads, %d explanations (6 images x 2 methods x %d rounds each),"
                        + " all bit-identical to one thread, %.1f s%n", backend, THREADS, checked, ROUNDS, seconds);

                MemoryReport memory = memoryRun(pool, methods, images);
                System.out.printf(Locale.ROOT, "%s: memory over %d explanations after %d warm-up: RSS %.0f -> %.0f MiB,"
                        + " slope over the second half %.2f KiB/explanation (bound %.1f), heap live %.0f -> %.0f MiB%n",
                        backend, memory.explanations(), WARMUP_ROUNDS * THREADS * methods.size(),
                        memory.firstWindowRssKiB() / 1024, memory.lastWindowRssKiB() / 1024, memory.rssSlopeSecondHalf(),
                        MemoryReport.FLAT_KIB_PER_EXPLANATION, memory.firstWindowHeapUsedKiB() / 1024,
                        memory.lastWindowHeapUsedKiB() / 1024);
                if (memory.hasRss()) {
                    assertThat(memory.verdict()).as("RSS slope %.2f KiB/explanation", memory.rssSlopeSecondHalf())
                            .isEqualTo("flat");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * The backends build what a method needs on its first use (DJL: a rewritten copy of the file
     * per set of layers and one cut at every ReLU; TensorFlow: gradient ops in the graph, a second
     * graph for a ReLU rule). Here {@value #THREADS} threads make those first uses at the same
     * moment on a freshly opened model, and still get the maps of another model used by one thread.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void firstUsesRacingOnAFreshModelGiveTheSingleThreadMaps(Backend backend) throws Exception {
        Map<String, Object> gradCam = Map.of("layer", backend.otherLayer());
        List<PreprocessedImage> images;
        FloatArray[][] single;
        try (LoupeModel model = Loupe.model(backend.model()).inputSize(3, 80, 80).open()) {
            images = LoupeApiTest.referenceImages().stream().map(model::prepare).toList();
            List<LoupeExplainer> methods = List.of(model.explainer("guided-backprop"), model.explainer("grad-cam", gradCam));
            single = new FloatArray[methods.size()][images.size()];
            for (int m = 0; m < methods.size(); m++) {
                for (int i = 0; i < images.size(); i++) {
                    single[m][i] = explain(methods.get(m), images.get(i));
                }
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (LoupeModel fresh = Loupe.model(backend.model()).inputSize(3, 80, 80).open()) {
            List<LoupeExplainer> methods = List.of(fresh.explainer("guided-backprop"), fresh.explainer("grad-cam", gradCam));
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<Job> jobs = shuffledJobs(methods.size(), images.size(), 1, 100 + t);
                // half the threads start with each method, so both first uses race
                Job first = new Job(t % 2, t % images.size());
                running.add(pool.submit(() -> {
                    go.await();
                    int checked = 0;
                    for (Job job : Stream.concat(Stream.of(first), jobs.stream()).toList()) {
                        assertThat(explain(methods.get(job.method()), images.get(job.image())).data())
                                .as("%s %s image %d", backend, methods.get(job.method()).method(), job.image())
                                .containsExactly(single[job.method()][job.image()].data());
                        checked++;
                    }
                    return checked;
                }));
            }
            go.countDown();
            int checked = 0;
            for (Future<Integer> f : running) {
                checked += f.get();
            }
            assertThat(checked).isEqualTo(THREADS * (1 + methods.size() * images.size()));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Warm-up, then rounds in which every thread explains one image with each method; a sample after each round. */
    private static MemoryReport memoryRun(ExecutorService pool, List<LoupeExplainer> methods, List<PreprocessedImage> images)
            throws Exception {
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            runRound(pool, methods, images, round);
        }
        MemoryProbe probe = MemoryProbe.process(true);
        List<MemorySample> samples = new ArrayList<>();
        long start = System.nanoTime();
        long explanations = 0;
        samples.add(probe.sample(0, 0));
        for (int round = 0; round < MEMORY_ROUNDS; round++) {
            explanations += runRound(pool, methods, images, round);
            samples.add(probe.sample(explanations, (System.nanoTime() - start) / 1e9));
        }
        if (Boolean.getBoolean("loupe.printRss")) {
            System.out.println(samples.stream().map(x -> Long.toString(x.rssKiB() / 1024)).toList());
        }
        return new MemoryReport("saliency+grad-cam", explanations, THREADS * methods.size(), 1,
                (System.nanoTime() - start) / 1e9, samples);
    }

    private static int runRound(ExecutorService pool, List<LoupeExplainer> methods, List<PreprocessedImage> images, int round)
            throws Exception {
        List<Callable<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            PreprocessedImage image = images.get((round + t) % images.size());
            workers.add(() -> {
                for (LoupeExplainer method : methods) {
                    explain(method, image);
                }
                return methods.size();
            });
        }
        int done = 0;
        for (Future<Integer> f : pool.invokeAll(workers)) {
            done += f.get();
        }
        return done;
    }

    private static FloatArray explain(LoupeExplainer method, PreprocessedImage image) {
        return method.explainPrepared(List.of(image), Target.top()).get(0).map();
    }

    /** Every (method, image) pair {@code rounds} times, in an order of the thread's own. */
    private static List<Job> shuffledJobs(int methods, int images, int rounds, int seed) {
        List<Job> jobs = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (int m = 0; m < methods; m++) {
                for (int i = 0; i < images; i++) {
                    jobs.add(new Job(m, i));
                }
            }
        }
        Collections.shuffle(jobs, new Random(seed));
        return jobs;
    }
}
