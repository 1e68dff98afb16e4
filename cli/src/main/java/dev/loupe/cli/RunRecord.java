package dev.loupe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.model.ModelDescription;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.registry.ProviderSource;
import dev.loupe.core.spi.ExplainerProvider;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provenance of a run, written as {@code run.json}: Loupe's version, the model file and its
 * SHA-256, preprocessing, each method with every parameter (defaults filled in) and layer, and
 * per image the target, its score, the files and the time taken.
 */
final class RunRecord {

    private final Map<String, Object> root = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> methods = new LinkedHashMap<>();
    private final Map<Path, Map<String, Object>> images = new LinkedHashMap<>();
    private final Map<Path, String> folders = new HashMap<>();
    private final List<Map<String, Object>> failures = new ArrayList<>();
    private final Map<String, Object> seeds = new LinkedHashMap<>();

    RunRecord(RunSpec spec) {
        root.put("loupe", VersionProvider.version());
        root.put("created", Instant.now().toString());
        root.put("config", spec.source() == null ? null : spec.source().toString());
        Map<String, Object> pre = new LinkedHashMap<>();
        pre.put("resize", spec.preprocessor().resize().toString());
        pre.put("center_crop", spec.preprocessor().centerCrop().map(Object::toString).orElse(null));
        pre.put("mean", spec.preprocessor().mean());
        pre.put("std", spec.preprocessor().std());
        root.put("preprocess", pre);
        root.put("target", spec.target().toString());
        root.put("render", Map.of("colormap", spec.colormap(), "overlay_alpha", spec.overlayAlpha(),
                "normalisation", "per-image min-max, eps 1e-7", "upsampling", "bilinear, half-pixel centres",
                "channel_reduction", "abs-max (input-resolution maps)"));
        root.put("batch_size", spec.batchSize());
        // Seeded methods (smoothgrad) also list their seed here, next to their other parameters.
        root.put("seeds", seeds);
    }

    void model(ModelDescription d, double loadSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", d.source());
        m.put("sha256", d.sha256());
        m.put("backend", d.backend());
        m.put("device", d.device());
        m.put("input_shape", d.inputShape());
        m.put("classes", d.classCount());
        m.put("load_seconds", loadSeconds);
        root.put("model", m);
    }

    void method(ExplainerProvider provider, Parameters parameters) {
        Map<String, Object> m = methods.computeIfAbsent(provider.name(), k -> new LinkedHashMap<>());
        m.put("name", provider.name());
        m.put("version", provider.version());
        m.put("jar", ProviderSource.of(provider.getClass()));
        m.put("parameters", parameters.asMap());
        if (parameters.asMap().containsKey("seed")) {
            seeds.put(provider.name(), parameters.asMap().get("seed"));
        }
    }

    void layer(String method, String layer) {
        methods.computeIfAbsent(method, k -> new LinkedHashMap<>()).put("layer", layer);
    }

    /** The output folder of an image: its file stem, made unique when two images share one. */
    synchronized String folderFor(Path image) {
        return folders.computeIfAbsent(image, p -> {
            String name = p.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String stem = dot > 0 ? name.substring(0, dot) : name;
            String candidate = stem;
            for (int i = 2; folders.containsValue(candidate); i++) {
                candidate = stem + "-" + i;
            }
            return candidate;
        });
    }

    void result(Path image, String method, Attribution a, String label, Path npy, Path png, double seconds) {
        Map<String, Object> entry = images.computeIfAbsent(image, p -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("file", p.toString());
            e.put("folder", folderFor(p));
            e.put("results", new ArrayList<Map<String, Object>>());
            return e;
        });
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("method", method);
        r.put("target", a.target());
        r.put("label", label);
        r.put("score", a.score());
        r.put("layer", a.layer());
        r.put("map_shape", a.map().shape());
        r.put("npy", npy.toString());
        r.put("png", png.toString());
        r.put("seconds", seconds);
        if (!a.details().isEmpty()) {
            r.put("details", a.details());
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) entry.get("results");
        results.add(r);
    }

    void failure(Path image, String message) {
        images.remove(image);
        failures.add(Map.of("file", image.toString(), "error", message == null ? "(no message)" : message));
    }

    int failureCount() {
        return (int) failures.stream().map(f -> f.get("file")).distinct().count();
    }

    int imageCount() {
        return images.size();
    }

    void totalSeconds(double seconds) {
        root.put("total_seconds", seconds);
    }

    String toJson() {
        root.put("methods", new ArrayList<>(methods.values()));
        root.put("images", new ArrayList<>(images.values()));
        root.put("failures", failures);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
