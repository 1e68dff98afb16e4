package dev.loupe.metrics.sanity;

import dev.loupe.backend.djl.DjlBackendProvider;
import dev.loupe.backend.tensorflow.TfBackendProvider;
import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.evaluate.MetricScore;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.model.Device;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.core.testing.NpyReader;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: prints the README's table of both sanity checks for every built-in method on the
 * quickstart model's six reference images, on both backends (seed 42 for the randomisation, 1 for
 * the labels; default parameters except the cheaper settings below). Run with
 *
 * <pre>./mvnw -o -B -q test -pl metrics -am -Dtest=SanityTableTool -Dloupe.sanity.table=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@EnabledIfSystemProperty(named = "loupe.sanity.table", matches = "true")
class SanityTableTool {

    private static final ExplainerRegistry REGISTRY = ExplainerRegistry.load();

    static Map<String, Object> parameters(ExplainerProvider provider, boolean tf) {
        Map<String, Object> p = new HashMap<>();
        if (provider.parameters().declares("layer")) {
            p.put("layer", tf ? "features/13" : "features.13");
        }
        switch (provider.name()) {
            case "smoothgrad" -> p.put("samples", 16);
            case "integrated-gradients" -> p.put("steps", 16);
            case "rise" -> p.put("masks", 256);
            case "occlusion" -> {
                p.put("window", 16);
                p.put("stride", 8);
            }
            default -> { }
        }
        return p;
    }

    @Test
    void printTable() {
        FloatArray images = NpyReader.read(Fixtures.path("reference/shapes_cnn/input.npy"));
        try (ExplainableModel djl = new DjlBackendProvider().open(ModelSpec.of(Fixtures.path("quickstart/shapes_cnn.pt"), 3, 80, 80));
             ExplainableModel tf = new TfBackendProvider().open(new ModelSpec(Fixtures.path("tf/shapes_cnn/graph"), Device.CPU,
                     new long[] {3, 80, 80}, Map.of()))) {
            StringBuilder out = new StringBuilder();
            out.append("| method | backend | randomisation: Spearman of abs (pass) | mean over cascade | signed Spearman | SSIM | random label: Spearman of abs (pass) |\n");
            out.append("|---|---|---|---|---|---|---|\n");
            for (ExplainerProvider provider : REGISTRY.all()) {
                for (ExplainableModel model : List.of(djl, tf)) {
                    boolean isTf = model == tf;
                    Explainer explainer = REGISTRY.create(provider.name(), parameters(provider, isTf), model);
                    List<MetricScore> abs = run(new ModelRandomizationProvider(), Map.of(), model, explainer, images, 42);
                    List<MetricScore> signed = run(new ModelRandomizationProvider(), Map.of("absolute", false), model, explainer,
                            images, 42);
                    List<MetricScore> label = run(new RandomLabelProvider(), Map.of(), model, explainer, images, 1);
                    out.append(String.format(Locale.ROOT, "| `%s` | %s | %s | %.2f | %s | %.2f | %s |%n", provider.name(),
                            isTf ? "tensorflow" : "djl", summary(abs), meanDetail(abs, "spearman.mean"), mean(signed), meanSsim(abs), summary(label)));
                    System.out.print(out);
                    out.setLength(0);
                }
            }
        }
    }

    /** The mean Spearman correlation (of |map|) after each cascade step, for a few methods. */
    @Test
    void printCascade() {
        FloatArray images = NpyReader.read(Fixtures.path("reference/shapes_cnn/input.npy"));
        try (ExplainableModel djl = new DjlBackendProvider().open(ModelSpec.of(Fixtures.path("quickstart/shapes_cnn.pt"), 3, 80, 80));
             ExplainableModel tf = new TfBackendProvider().open(new ModelSpec(Fixtures.path("tf/shapes_cnn/graph"), Device.CPU,
                     new long[] {3, 80, 80}, Map.of()))) {
            StringBuilder out = new StringBuilder("| method | backend |");
            List<String> layers = djl.parameters().layers();
            for (int k = layers.size() - 1; k >= 0; k--) {
                out.append(" ").append(layers.get(k)).append(" |");
            }
            out.append("\n|---|---|").append("---|".repeat(layers.size())).append("\n");
            for (String method : List.of("saliency", "guided-backprop", "integrated-gradients", "grad-cam", "guided-grad-cam")) {
                for (ExplainableModel model : List.of(djl, tf)) {
                    Explainer explainer = REGISTRY.create(method, parameters(REGISTRY.get(method), model == tf), model);
                    List<MetricScore> scores = run(new ModelRandomizationProvider(), Map.of(), model, explainer, images, 42);
                    out.append("| `").append(method).append("` | ").append(model == tf ? "tensorflow" : "djl").append(" |");
                    int steps = scores.get(0).curves().get(0).y().length;
                    for (int s = 0; s < steps; s++) {
                        int step = s;
                        double mean = scores.stream().filter(MetricScore::applies)
                                .mapToDouble(m -> m.curves().get(0).y()[step]).average().orElse(Double.NaN);
                        out.append(String.format(Locale.ROOT, " %.2f |", mean));
                    }
                    out.append("\n");
                }
            }
            System.out.print(out);
        }
    }

    private static List<MetricScore> run(ModelRandomizationProvider provider, Map<String, ?> p, ExplainableModel model,
            Explainer explainer, FloatArray images, long seed) {
        return SanityHarness.evaluate(SanityHarness.metric(provider, p), model, explainer, images, SanityHarness.SHAPES_TOP, seed);
    }

    private static List<MetricScore> run(RandomLabelProvider provider, Map<String, ?> p, ExplainableModel model,
            Explainer explainer, FloatArray images, long seed) {
        Metric metric = SanityHarness.metric(provider, p);
        return SanityHarness.evaluate(metric, model, explainer, images, SanityHarness.SHAPES_TOP, seed);
    }

    private static String summary(List<MetricScore> scores) {
        long applies = scores.stream().filter(MetricScore::applies).count();
        long passed = scores.stream().filter(s -> s.applies() && s.details().get("passed") == 1.0).count();
        return mean(scores) + " (" + passed + "/" + applies + ")";
    }

    private static String mean(List<MetricScore> scores) {
        return String.format(Locale.ROOT, "%.2f", scores.stream().filter(MetricScore::applies).mapToDouble(MetricScore::value)
                .average().orElse(Double.NaN));
    }

    private static double meanSsim(List<MetricScore> scores) {
        return meanDetail(scores, "ssim");
    }

    private static double meanDetail(List<MetricScore> scores, String key) {
        return scores.stream().filter(MetricScore::applies).mapToDouble(s -> s.details().get(key)).average().orElse(Double.NaN);
    }
}
