package dev.loupe.parity;

import static dev.loupe.core.testing.Close.assertClose;

import dev.loupe.backend.djl.DjlBackendProvider;
import dev.loupe.backend.tensorflow.TfBackendProvider;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explanations;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.explain.Target;
import dev.loupe.core.model.Device;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.core.testing.NpyReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cross-backend proof: the PyTorch fixtures run through DJL and their TensorFlow twins
 * (same weights, built by fixtures/make_tf_fixtures.sh, graph-mode and Keras-style) run through
 * TensorFlow Java give the same raw map for every registered method. Both backends live in this
 * one JVM. Tolerance: max|diff| <= 1e-4·max|DJL map| + 1e-6; the two engines' float32 kernels sum
 * in different orders, which is all that should differ.
 */
class CrossBackendParityTest {

    private static final ExplainerRegistry REGISTRY = ExplainerRegistry.load();
    private static final Map<String, ExplainableModel> OPEN = new HashMap<>();

    /** A fixture network in both forms, and the layer names that are the same module in each. */
    record Twin(String id, String torchFile, String layerTorch, String layerTf, int window) {
    }

    static final Twin SHAPES = new Twin("shapes_cnn", "quickstart/shapes_cnn.pt", "features.13", "features/13", 20);
    static final Twin RESNET = new Twin("resnet18", "models/resnet18_traced.pt", "layer4", "layer4", 56);

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Twin twin : List.of(SHAPES, RESNET)) {
            for (String form : List.of("graph", "keras")) {
                for (String method : REGISTRY.all().stream().map(p -> p.name()).toList()) {
                    all.add(Arguments.of(twin, form, method));
                }
            }
        }
        return all.stream();
    }

    /** Each method's parameters, cut down where the default would only make the test slow. */
    static Map<String, Object> parameters(String method, Twin twin, boolean tf) {
        Map<String, Object> p = new HashMap<>();
        if (REGISTRY.get(method).parameters().definitions().stream().anyMatch(d -> d.name().equals("layer"))) {
            p.put("layer", tf ? twin.layerTf() : twin.layerTorch());
        }
        switch (method) {
            case "smoothgrad" -> p.put("samples", 6);
            case "integrated-gradients" -> p.put("steps", 16);
            case "rise" -> p.put("masks", 64);
            case "occlusion" -> {
                p.put("window", twin.window());
                p.put("stride", twin.window());
            }
            default -> { }
        }
        return p;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void bothBackendsGiveTheSameMap(Twin twin, String form, String method) {
        FloatArray input = firstImages(NpyReader.read(Fixtures.path("reference/" + twin.id() + "/input.npy")), 2);
        ExplainableModel torch = open(twin.torchFile(), () -> new DjlBackendProvider().open(
                ModelSpec.of(Fixtures.path(twin.torchFile()), input.dim(1), input.dim(2), input.dim(3))));
        String tfDir = "tf/" + twin.id() + "/" + form;
        ExplainableModel tf = open(tfDir, () -> new TfBackendProvider().open(new ModelSpec(Fixtures.path(tfDir), Device.CPU,
                new long[] {input.dim(1), input.dim(2), input.dim(3)}, form.equals("keras") ? Map.of("output", "logits") : Map.of())));
        List<Target> targets = List.of(Target.index(1), Target.index(2));
        FloatArray expected = run(torch, method, parameters(method, twin, false), input, targets);
        FloatArray actual = run(tf, method, parameters(method, twin, true), input, targets);
        assertClose(actual, expected, 1e-4, 1e-6, twin.id() + " " + form + " " + method);
    }

    static FloatArray run(ExplainableModel model, String method, Map<String, Object> params, FloatArray input, List<Target> targets) {
        List<Attribution> maps = Explanations.explain(REGISTRY.create(method, params, model), model, input, targets, Labels.none());
        return FloatArray.stack(maps.stream().map(Attribution::map).toList());
    }

    static FloatArray firstImages(FloatArray batch, int n) {
        long[] shape = batch.shape();
        int per = (int) (batch.size() / shape[0]);
        float[] data = java.util.Arrays.copyOf(batch.data(), per * n);
        shape[0] = n;
        return new FloatArray(data, shape);
    }

    private static synchronized ExplainableModel open(String key, java.util.function.Supplier<ExplainableModel> opener) {
        return OPEN.computeIfAbsent(key, k -> opener.get());
    }

    @AfterAll
    static void close() {
        OPEN.values().forEach(ExplainableModel::close);
        OPEN.clear();
    }
}
