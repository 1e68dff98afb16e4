package dev.loupe.backend.djl.torchscript;

import dev.loupe.core.testing.NpyReader;
import dev.loupe.core.tensor.FloatArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reference folder as fixtures/make_fixtures.py writes it: input.npy, logits.npy,
 * targets.json, saliency_top.npy, act_L.npy / grad_L_top.npy per layer, layers.json. The second
 * call of a layer (only in this package's test models) has the suffix {@code _call1}.
 */
record Reference(Path dir) {

    private static final Pattern OBJECT = Pattern.compile("\\{[^{}]*}");
    private static final Pattern PATH = Pattern.compile("\"path\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern CALLS = Pattern.compile("\"calls\"\\s*:\\s*(\\d+)");
    private static final Pattern TOP = Pattern.compile("\"top\"\\s*:\\s*\\[([^]]*)]");

    /** A row of layers.json. */
    record Layer(String path, String type, int calls) {
    }

    FloatArray input() {
        return NpyReader.read(dir.resolve("input.npy"));
    }

    FloatArray logits() {
        return NpyReader.read(dir.resolve("logits.npy"));
    }

    FloatArray saliency() {
        return NpyReader.read(dir.resolve("saliency_top.npy"));
    }

    FloatArray activation(String layer) {
        return NpyReader.read(dir.resolve("act_" + layer + ".npy"));
    }

    FloatArray gradient(String layer) {
        return NpyReader.read(dir.resolve("grad_" + layer + "_top.npy"));
    }

    FloatArray activation(String layer, int call) {
        return call == 0 ? activation(layer) : NpyReader.read(dir.resolve("act_" + layer + "_call" + call + ".npy"));
    }

    FloatArray gradient(String layer, int call) {
        return call == 0 ? gradient(layer) : NpyReader.read(dir.resolve("grad_" + layer + "_top_call" + call + ".npy"));
    }

    /** Layers with a stored activation (act_L.npy), first calls only. */
    List<String> activationLayers() {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("act_") && n.endsWith(".npy") && !n.matches(".*_call\\d+\\.npy"))
                    .map(n -> n.substring(4, n.length() - 4))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The argmax class of each image, the target the gradients were taken for. */
    int[] topTargets() {
        Matcher m = TOP.matcher(read("targets.json"));
        if (!m.find()) {
            throw new IllegalStateException(dir + "/targets.json has no \"top\" list");
        }
        return Arrays.stream(m.group(1).split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    List<Layer> layers() {
        List<Layer> layers = new ArrayList<>();
        Matcher object = OBJECT.matcher(read("layers.json"));
        while (object.find()) {
            String json = object.group();
            layers.add(new Layer(field(PATH, json), field(TYPE, json), Integer.parseInt(field(CALLS, json))));
        }
        return layers;
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String field(Pattern pattern, String json) {
        Matcher m = pattern.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException(dir + "/layers.json row without " + pattern.pattern() + ": " + json);
        }
        return m.group(1);
    }
}
