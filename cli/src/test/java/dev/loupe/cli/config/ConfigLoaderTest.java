package dev.loupe.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.explain.Target;
import dev.loupe.core.model.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid files: what they bind to, defaults, paths, value forms. */
class ConfigLoaderTest {

    static final String MINIMAL = """
            model:
              path: model.pt
            images: [cat.png]
            methods:
              - name: saliency
            output:
              dir: out
            """;

    static final String FULL = """
            model:
              path: ../fixtures/quickstart/shapes_cnn.pt
              backend: djl
              device: gpu
              labels: ../fixtures/quickstart/labels.txt
              options:
                signature: serving_default
                threads: 4
            preprocess:
              resize: 96
              center-crop: [90, 80]
              mean: [0.5, 0.5, 0.5]
              std: [0.25, 0.25, 1]
            images:
              - ../fixtures/quickstart/images
              - extra/one.png
            target: circle
            methods:
              - name: saliency
              - name: grad-cam
                params:
                  layer: features.13
            output:
              dir: ../out/quickstart
              overlay-alpha: 0.3
              colormap: viridis
            """;

    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void fullFileBindsEveryField() throws IOException {
        RunConfig run = ConfigLoader.load(write("configs/run.yaml", FULL));

        assertEquals(dir.resolve("fixtures/quickstart/shapes_cnn.pt"), run.model().path());
        assertEquals("djl", run.model().backend());
        assertEquals(Device.gpu(0), run.model().device());
        assertEquals(Map.of("signature", "serving_default", "threads", "4"), run.model().options());
        assertEquals(dir.resolve("fixtures/quickstart/labels.txt"), run.model().labels());
        assertEquals(Size.of(96), run.preprocess().resize());
        assertEquals(Size.of(90, 80), run.preprocess().centerCrop());
        assertEquals(List.of(0.5, 0.5, 0.5), run.preprocess().mean());
        assertEquals(List.of(0.25, 0.25, 1.0), run.preprocess().std());
        assertEquals(List.of(dir.resolve("fixtures/quickstart/images"), dir.resolve("configs/extra/one.png")),
                run.images());
        assertEquals(TargetSpec.label("circle"), run.target());
        assertEquals(List.of(new MethodConfig("saliency", Map.of()),
                new MethodConfig("grad-cam", Map.of("layer", "features.13"))), run.methods());
        assertEquals(new OutputConfig(dir.resolve("out/quickstart"), 0.3, "viridis"), run.output());
    }

    @Test
    void minimalFileGetsEveryDefault() throws IOException {
        RunConfig run = ConfigLoader.load(write("run.yaml", MINIMAL));

        assertEquals(new ModelConfig(dir.resolve("model.pt"), "auto", Device.CPU, null, Map.of()), run.model());
        assertEquals(PreprocessConfig.defaults(), run.preprocess());
        assertNull(run.preprocess().resize());
        assertEquals(List.of(0.485, 0.456, 0.406), run.preprocess().mean());
        assertEquals(List.of(0.229, 0.224, 0.225), run.preprocess().std());
        assertEquals(TargetSpec.top(), run.target());
        assertEquals(Map.of(), run.methods().get(0).params());
        assertEquals(0.5, run.output().overlayAlpha());
        assertEquals("jet", run.output().colormap());
    }

    @Test
    void keysWithoutValueOrNullTakeTheDefault() {
        RunConfig run = bind(MINIMAL + """
                preprocess:
                target: ~
                """);
        assertEquals(PreprocessConfig.defaults(), run.preprocess());
        assertEquals(TargetSpec.top(), run.target());
    }

    @Test
    void relativePathsResolveAgainstTheConfigFilesFolderNotTheWorkingDirectory() throws IOException {
        Path file = write("a/b/run.yaml", MINIMAL.replace("dir: out", "dir: ../../results/./x"));
        RunConfig run = ConfigLoader.load(file);

        assertEquals(dir.resolve("a/b/model.pt"), run.model().path());
        assertEquals(List.of(dir.resolve("a/b/cat.png")), run.images());
        assertEquals(dir.resolve("results/x"), run.output().dir());
        assertTrue(run.output().dir().isAbsolute());
    }

    @Test
    void aConfigFileNamedRelativelyStillResolvesAgainstItsOwnFolder() {
        RunConfig run = ConfigLoader.bind(Path.of("conf/run.yaml"), MINIMAL, RunConfig.class);
        assertEquals(Path.of("conf/model.pt").toAbsolutePath().normalize(), run.model().path());
    }

    @Test
    void absolutePathsStayAsTheyAre() {
        RunConfig run = bind(MINIMAL.replace("path: model.pt", "path: /models/./m.pt"));
        assertEquals(Path.of("/models/m.pt"), run.model().path());
    }

    @Test
    void methodParamsKeepYamlTypesWithIntegersAsLong() {
        RunConfig run = bind("""
                model: {path: m.pt}
                images: [a.png]
                methods:
                  - name: smoothgrad
                    params:
                      samples: 25
                      sigma: 0.15
                      squared: false
                      layer: features.13
                      quoted: "25"
                      layers: [1, two, 3.5]
                      nested: {a: 1}
                      nothing: ~
                output: {dir: out}
                """);
        Map<String, Object> params = run.methods().get(0).params();
        assertEquals(25L, params.get("samples"));
        assertInstanceOf(Long.class, params.get("samples"));
        assertEquals(0.15, params.get("sigma"));
        assertEquals(false, params.get("squared"));
        assertEquals("features.13", params.get("layer"));
        assertEquals("25", params.get("quoted"));
        assertEquals(List.of(1L, "two", 3.5), params.get("layers"));
        assertEquals(Map.of("a", 1L), params.get("nested"));
        assertTrue(params.containsKey("nothing"));
        assertNull(params.get("nothing"));
        assertEquals(List.of("samples", "sigma", "squared", "layer", "quoted", "layers", "nested", "nothing"),
                List.copyOf(params.keySet()), "file order is kept");
        assertThrows(UnsupportedOperationException.class, () -> params.put("x", 1));
    }

    @Test
    void deviceForms() {
        assertEquals(Device.CPU, bindDevice("cpu"));
        assertEquals(Device.AUTO, bindDevice("auto"));
        assertEquals(Device.gpu(0), bindDevice("gpu"));
        assertEquals(Device.gpu(2), bindDevice("gpu:2"));
        assertEquals(Device.gpu(1), bindDevice("'gpu:1'"));
        assertEquals(Device.gpu(3), bind(MINIMAL.replace("model:\n  path: model.pt", "model: {path: model.pt, device: gpu:3}"))
                .model().device(), "in a flow mapping too");
    }

    private Device bindDevice(String yaml) {
        return bind(MINIMAL.replace("path: model.pt", "path: model.pt\n  device: " + yaml)).model().device();
    }

    @Test
    void modelOptionsAreStringsAsWritten() {
        RunConfig run = bind(MINIMAL.replace("path: model.pt", """
                path: model.pt
                  options:
                    tags: serve
                    threads: 4
                    ratio: 0.50
                    flag: true
                """.strip()));
        assertEquals(Map.of("tags", "serve", "threads", "4", "ratio", "0.50", "flag", "true"), run.model().options());
        assertEquals(List.of("tags", "threads", "ratio", "flag"), List.copyOf(run.model().options().keySet()),
                "file order is kept");
    }

    @Test
    void targetForms() {
        assertEquals(TargetSpec.top(), bindTarget("top"));
        assertEquals(TargetSpec.index(3), bindTarget("3"));
        assertEquals(TargetSpec.label("3"), bindTarget("\"3\""), "a quoted number is a label");
        assertEquals(TargetSpec.label("tabby cat"), bindTarget("tabby cat"));
        assertEquals(Target.index(3), bindTarget("3").toTarget());
        assertEquals(Target.label("dog"), bindTarget("dog").toTarget());
        assertEquals(Target.top(), bindTarget("top").toTarget());
    }

    private TargetSpec bindTarget(String yaml) {
        return bind(MINIMAL.replace("path: model.pt", "path: model.pt\n  labels: labels.txt")
                + "target: " + yaml + "\n").target();
    }

    @Test
    void sizeForms() {
        PreprocessConfig p = bind(MINIMAL + """
                preprocess:
                  resize: 256
                  center-crop: [224, 200]
                """).preprocess();
        assertEquals(new Size(256, 256, true), p.resize());
        assertTrue(p.resize().single());
        assertEquals(new Size(224, 200, false), p.centerCrop());
    }

    @Test
    void yamlAnchorsAliasesAndMergeKeysWork() {
        RunConfig run = bind("""
                model: {path: &model m.pt}
                images: [*model, b.png]
                methods:
                  - name: grad-cam
                    params: &common
                      layer: features.13
                      relu: true
                  - name: guided-grad-cam
                    params:
                      <<: *common
                      relu: false
                  - name: grad-cam-again
                    params: *common
                output: {dir: out}
                """);
        assertEquals(List.of(Path.of("/cfg/m.pt"), Path.of("/cfg/b.png")), run.images());
        assertEquals(Map.of("layer", "features.13", "relu", true), run.methods().get(0).params());
        assertEquals(Map.of("layer", "features.13", "relu", false), run.methods().get(1).params(),
                "keys written next to a merge key win");
        assertEquals(run.methods().get(0).params(), run.methods().get(2).params());
    }

    @Test
    void scalarAnchorsTagsAndQuotesAreUnderstood() {
        RunConfig run = bind("""
                model: {path: &m "m.pt", labels: !!str labels.txt}
                images: [*m]
                methods:
                  - name: s
                    params: {empty: "", none: , tagged: !!str 5, anchored: &five 5, again: *five}
                output: {dir: out}
                """);
        assertEquals(List.of(Path.of("/cfg/m.pt")), run.images());
        Map<String, Object> params = run.methods().get(0).params();
        assertEquals("", params.get("empty"), "a quoted empty string stays a string");
        assertNull(params.get("none"), "an empty plain value is no value");
        assertEquals("5", params.get("tagged"));
        assertEquals(5L, params.get("again"));
    }

    @Test
    void missingFileIsOneErrorWithoutPosition() {
        Path missing = dir.resolve("nope.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing));
        assertEquals(missing + ": config file not found", e.getMessage());
        assertEquals(ErrorKind.USAGE, e.kind());
    }

    @Test
    void aByteOrderMarkIsIgnored() {
        assertEquals("out", bind("\uFEFF" + MINIMAL).output().dir().getFileName().toString());
    }

    static RunConfig bind(String yaml) {
        return ConfigLoader.bind(Path.of("/cfg/run.yaml"), yaml, RunConfig.class);
    }
}
