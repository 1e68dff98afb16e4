package dev.loupe.methods.gradient;

import dev.loupe.backend.djl.DjlBackendProvider;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.explain.Explanations;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.explain.Target;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.NoiseSource;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.core.testing.NpyReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixture models and the references of fixtures/make_gradient_references.py
 * (fixtures/reference/&lt;id&gt;/gradient/), opened with the DJL backend as ReferenceParityTest does.
 */
final class GradientFixtures {

    /** (reference id, model file) of the three reference models. */
    static final Map<String, String> MODEL_FILES = Map.of(
            "shapes_cnn", "quickstart/shapes_cnn.pt",
            "resnet18", "models/resnet18_traced.pt",
            "vgg16", "models/vgg16_traced.pt");

    /** Models open for one test class; close them in its @AfterAll. */
    private final Map<String, ExplainableModel> open = new HashMap<>();

    synchronized ExplainableModel model(String id) {
        return open.computeIfAbsent(id, k -> {
            FloatArray input = fullInput(k);
            return new DjlBackendProvider().open(
                    ModelSpec.of(Fixtures.path(MODEL_FILES.get(k)), input.dim(1), input.dim(2), input.dim(3)));
        });
    }

    synchronized void close() {
        open.values().forEach(ExplainableModel::close);
        open.clear();
    }

    static FloatArray fullInput(String id) {
        return NpyReader.read(Fixtures.path("reference/" + id + "/input.npy"));
    }

    /** The rows of input.npy the references explain (manifest "images"). */
    static FloatArray input(String id) {
        FloatArray all = fullInput(id);
        List<FloatArray> rows = new ArrayList<>();
        for (int i : ints(manifest(id), "images")) {
            rows.add(all.slice(i));
        }
        return FloatArray.stack(rows);
    }

    static FloatArray reference(String id, String file) {
        return NpyReader.read(Fixtures.path("reference/" + id + "/gradient/" + file));
    }

    static String manifest(String id) {
        return read("reference/" + id + "/gradient/manifest.json");
    }

    static String read(String relative) {
        try {
            return Files.readString(Fixtures.path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first number list called {@code key} in {@code json} at or after {@code from}. */
    static double[] numbers(String json, String key, int from) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
        if (!m.find(from)) {
            throw new IllegalStateException("no list '" + key + "' after offset " + from);
        }
        return Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToDouble(Double::parseDouble).toArray();
    }

    static int[] ints(String json, String key) {
        return Arrays.stream(numbers(json, key, 0)).mapToInt(d -> (int) d).toArray();
    }

    /** The number lists {@code key} of the IG case stored in {@code file}. */
    static double[] igCase(String json, String file, String key) {
        int at = json.indexOf("\"file\": \"" + file + "\"");
        if (at < 0) {
            throw new IllegalStateException("no IG case " + file);
        }
        return numbers(json, key, at);
    }

    static int stride(String id) {
        Matcher m = Pattern.compile("\"stored_stride\"\\s*:\\s*(\\d+)").matcher(manifest(id));
        if (!m.find()) {
            throw new IllegalStateException("no stored_stride for " + id);
        }
        return Integer.parseInt(m.group(1));
    }

    /** {@code maps[:, :, ::stride, ::stride]}, as the references are stored. */
    static FloatArray strided(FloatArray maps, int stride) {
        long[] s = maps.shape();
        int b = (int) s[0];
        int c = (int) s[1];
        int h = (int) s[2];
        int w = (int) s[3];
        int oh = (h + stride - 1) / stride;
        int ow = (w + stride - 1) / stride;
        float[] out = new float[b * c * oh * ow];
        int k = 0;
        for (int i = 0; i < b * c; i++) {
            for (int y = 0; y < h; y += stride) {
                for (int x = 0; x < w; x += stride) {
                    out[k++] = maps.data()[(i * h + y) * w + x];
                }
            }
        }
        return new FloatArray(out, new long[] {b, c, oh, ow});
    }

    static FloatArray stack(List<Attribution> maps) {
        return FloatArray.stack(maps.stream().map(Attribution::map).toList());
    }

    static List<Attribution> explain(Explainer explainer, ExplainableModel model, FloatArray images) {
        return Explanations.explain(explainer, model, images, List.of(Target.top()), Labels.none());
    }

    /** Validated parameters of a provider. */
    static Parameters parameters(dev.loupe.core.spi.ExplainerProvider provider, Map<String, ?> given) {
        return provider.parameters().validate(provider.name(), given);
    }

    /** Replays {@code values} in order, whatever block shapes are asked for; fails when they run out. */
    static NoiseSource replay(FloatArray values) {
        int[] position = {0};
        return shape -> {
            int n = Math.toIntExact(FloatArray.elementCount(shape));
            if (position[0] + n > values.size()) {
                throw new IllegalStateException("replayed noise exhausted: " + position[0] + " + " + n + " > " + values.size());
            }
            float[] out = Arrays.copyOfRange(values.data(), position[0], position[0] + n);
            position[0] += n;
            return new FloatArray(out, shape);
        };
    }

    static double maxAbs(FloatArray a) {
        double m = 0;
        for (float v : a.data()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
