package dev.loupe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.layer.LayerChoice;
import dev.loupe.core.model.Device;
import dev.loupe.core.model.ModelDescription;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.registry.ProviderSource;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.render.heatmap.LayerCombination;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
    private final RunSpec spec;

    RunRecord(RunSpec spec) {
        this.spec = spec;
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
        Map<String, Object> render = new LinkedHashMap<>();
        render.put("colormap", spec.colormap());
        render.put("overlay_alpha", spec.overlayAlpha());
        // single-layer maps follow the pipeline; layer lists and grids keep the fixed display below
        render.put("pipeline", spec.rendering().describe());
        render.put("layer_sets", Map.of("normalisation", "per-image min-max, eps 1e-7",
                "upsampling", "bilinear, half-pixel centres", "channel_reduction", "abs-max (input-resolution maps)"));
        root.put("render", render);
        root.put("batch_size", spec.batchSize());
        // Seeded methods (smoothgrad) also list their seed here, next to their other parameters.
        root.put("seeds", seeds);
    }

    void model(ModelDescription d, double loadSeconds) {
        root.put("model", modelJson(d, spec.device(), spec.modelOptions(), loadSeconds));
    }

    /**
     * The model's provenance as run.json and bench.json record it: {@code device} is where it runs
     * ({@code cpu}, {@code gpu:N}), {@code device_requested} what was asked ({@code auto} too).
     */
    static Map<String, Object> modelJson(ModelDescription d, Device requested, Map<String, String> options,
            double loadSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", d.source());
        m.put("sha256", d.sha256());
        m.put("backend", d.backend());
        m.put("device", d.device());
        m.put("device_requested", requested.toString());
        m.put("options", new TreeMap<>(options));
        m.put("input_shape", d.inputShape());
        m.put("classes", d.classCount());
        m.put("load_seconds", loadSeconds);
        return m;
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

    /**
     * A method run at several layers: the layers in the order used, how they were asked for
     * (the list, or the group's name, also written as the {@code layer} parameter), and what was
     * made of them.
     */
    void layers(String method, LayerChoice choice, List<String> layers) {
        Map<String, Object> m = methods.computeIfAbsent(method, k -> new LinkedHashMap<>());
        @SuppressWarnings("unchecked")
        Map<String, Object> parameters = new LinkedHashMap<>((Map<String, Object>) m.getOrDefault("parameters", Map.of()));
        Object asked = choice.kind() == LayerChoice.Kind.GROUP ? choice.toString() : choice.names();
        parameters.put("layer", asked);
        m.put("parameters", parameters);
        m.put("layers", layers);
        if (choice.kind() == LayerChoice.Kind.GROUP) {
            m.put("layer_group", Map.of("name", choice.toString(), "rule", choice.group().orElseThrow().rule()));
            m.put("layer_output", "a map per layer and a grid figure (the image, then each layer's heatmap)");
        } else {
            Map<String, Object> combination = new LinkedHashMap<>();
            combination.put("steps", LayerCombination.STEPS);
            combination.put("epsilon", LayerCombination.EPSILON);
            combination.put("channel_reduction", "abs-max over channels first, for (C, H, W) maps such as"
                    + " guided-grad-cam's; (h, w) layer maps are used as they are");
            m.put("layer_output", "a map per layer and their combination");
            m.put("combination", combination);
        }
    }

    void result(Path image, String method, Attribution a, String label, Path npy, Path png, double seconds) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("method", method);
        r.put("target", a.target());
        r.put("label", label);
        r.put("score", a.score());
        r.put("layer", a.layer());
        r.put("map_shape", a.map().shape());
        r.put("npy", npy.toString());
        r.put("png", png == null ? null : png.toString());
        r.put("seconds", seconds);
        if (!a.details().isEmpty()) {
            r.put("details", a.details());
        }
        resultsOf(image).add(r);
    }

    /** The pictures of the image's latest result, by kind (see {@link Rendering}). */
    void pictures(Path image, Map<String, Path> pngs) {
        List<Map<String, Object>> results = resultsOf(image);
        Map<String, Object> files = new LinkedHashMap<>();
        pngs.forEach((kind, png) -> files.put(kind, png.toString()));
        results.get(results.size() - 1).put("pictures", files);
    }

    private List<Map<String, Object>> resultsOf(Path image) {
        Map<String, Object> entry = images.computeIfAbsent(image, p -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("file", p.toString());
            e.put("folder", folderFor(p));
            e.put("results", new ArrayList<Map<String, Object>>());
            return e;
        });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) entry.get("results");
        return results;
    }

    /** The combination of one image's per-layer maps (see {@link #layers}). */
    void combined(Path image, String method, List<String> layers, long[] shape, Path npy, Path png) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("method", method);
        r.put("combined_from", layers);
        r.put("map_shape", shape);
        r.put("npy", npy.toString());
        r.put("png", png.toString());
        resultsOf(image).add(r);
    }

    /** One image's layer grid: the figure and its panels' captions, in order. */
    void grid(Path image, String method, List<String> panels, Path png) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("method", method);
        r.put("grid", png.toString());
        r.put("panels", panels);
        resultsOf(image).add(r);
    }

    /** The run's comparison figures (see {@link GridFigures}). */
    void figures(Map<String, Object> figures) {
        root.put("grid_figures", figures);
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
