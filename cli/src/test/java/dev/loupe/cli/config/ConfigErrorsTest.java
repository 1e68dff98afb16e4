package dev.loupe.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per kind of error, each asserting the exact file:line:column: path: message. */
class ConfigErrorsTest {

    static final Path FILE = Path.of("run.yaml");

    /** Everything but the {@code output:} section, which tests append. */
    static final String HEAD = """
            model:
              path: m.pt
            images: [a.png]
            methods: [{name: saliency}]
            """;

    static List<String> errors(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.bind(FILE, yaml, RunConfig.class));
        List<String> lines = e.errors().stream().map(ConfigError::render).toList();
        assertEquals(String.join("\n", lines), e.getMessage());
        return lines;
    }

    static void assertErrors(String yaml, String... expected) {
        assertEquals(List.of(expected), errors(yaml));
    }

    // ----- unknown keys -----

    @Test
    void unknownKeyWithATypoSuggestsTheClosestKey() {
        assertErrors("""
                model:
                  path: m.pt
                  devcie: gpu
                images: [a.png]
                methods: [{name: saliency}]
                output: {dir: out}
                """, "run.yaml:3:3: model.devcie: unknown key 'devcie', did you mean 'device'?");
    }

    @Test
    void unknownKeySharingAPrefixSuggestsTheLongerKey() {
        assertErrors(HEAD + "output: {dir: out, overlay: 0.2}\n",
                "run.yaml:5:20: output.overlay: unknown key 'overlay', did you mean 'overlay-alpha'?");
    }

    @Test
    void camelCaseOrSnakeCaseKeySuggestsTheKebabCaseKey() {
        assertErrors(HEAD + """
                output:
                  dir: out
                  overlayAlpha: 0.2
                  overlay_alpha: 0.2
                """,
                "run.yaml:7:3: output.overlayAlpha: unknown key 'overlayAlpha', did you mean 'overlay-alpha'?",
                "run.yaml:8:3: output.overlay_alpha: unknown key 'overlay_alpha', did you mean 'overlay-alpha'?");
    }

    @Test
    void unknownKeyWithoutACloseMatchListsTheValidKeys() {
        assertErrors("""
                model:
                  path: m.pt
                  weights: w.bin
                images: [a.png]
                methods: [{name: saliency}]
                output: {dir: out}
                """, "run.yaml:3:3: model.weights: unknown key 'weights', valid keys: path, backend, device, labels,"
                + " options");
    }

    // ----- wrong types -----

    @Test
    void wrongTypeForANumber() {
        assertErrors(HEAD + """
                output:
                  dir: out
                  overlay-alpha: abc
                """, "run.yaml:7:18: output.overlay-alpha: expected a number, got 'abc'");
    }

    @Test
    void aQuotedNumberIsAStringNotANumber() {
        assertErrors(HEAD + "output: {dir: out, overlay-alpha: \"0.5\"}\n",
                "run.yaml:5:35: output.overlay-alpha: expected a number, got '0.5' (a quoted string)");
    }

    @Test
    void wrongTypeForAList() {
        assertErrors("""
                model: {path: m.pt}
                images: a.png
                methods: [{name: saliency}]
                output: {dir: out}
                """, "run.yaml:2:9: images: expected a list, got 'a.png'");
    }

    @Test
    void wrongTypeForASectionAndForAString() {
        assertErrors("""
                model: m.pt
                images: [a.png]
                methods: [{name: saliency}]
                output: {dir: out, colormap: [jet]}
                """,
                "run.yaml:1:8: model: expected a mapping with keys path, backend, device, labels, options, got 'm.pt'",
                "run.yaml:4:30: output.colormap: expected a string, got a list");
    }

    @Test
    void wrongTypeForAValueTypeUsesItsOwnMessage() {
        assertErrors(HEAD + """
                preprocess:
                  resize: 2.5
                  center-crop: [224]
                output: {dir: out}
                """,
                "run.yaml:6:11: preprocess.resize: expected an integer or [height, width], got '2.5'",
                "run.yaml:7:16: preprocess.center-crop: expected an integer or [height, width], got a list of 1 item");
    }

    // ----- missing fields -----

    @Test
    void missingRequiredFieldIsReportedAtTheKeyOfItsSection() {
        assertErrors("""
                model:
                  device: cpu
                images: [a.png]
                methods: [{name: saliency}]
                """,
                "run.yaml:1:1: model.path: missing required field",
                "run.yaml:1:1: output: missing required field");
    }

    @Test
    void missingRequiredFieldInAListItemIsReportedAtTheItem() {
        assertErrors("""
                model: {path: m.pt}
                images: [a.png]
                methods:
                  - name: saliency
                  - params: {layer: x}
                output: {dir: out}
                """, "run.yaml:5:5: methods[1].name: missing required field");
    }

    @Test
    void requiredKeyWithoutAValue() {
        assertErrors("""
                model:
                  path:
                images: [a.png]
                methods: [{name: ""}]
                output: {dir: out}
                """,
                "run.yaml:2:3: model.path: missing value: expected a path",
                "run.yaml:4:18: methods[0].name: must not be empty");
    }

    // ----- devices -----

    @Test
    void badDeviceListsTheValidValues() {
        assertErrors("""
                model:
                  path: m.pt
                  device: quantum
                images: [a.png]
                methods: [{name: saliency}]
                output: {dir: out}
                """, "run.yaml:3:11: model.device: unknown value 'quantum', valid values: cpu, auto, gpu, gpu:0, gpu:1, ...");
    }

    @Test
    void badDeviceCloseToAValidOneSuggestsIt() {
        assertErrors("""
                model: {path: m.pt, device: GPUs}
                images: [a.png]
                methods: [{name: saliency}]
                output: {dir: out}
                """,
                "run.yaml:1:29: model.device: unknown value 'GPUs', did you mean 'gpu'? (valid values: cpu, auto, gpu, gpu:0, gpu:1, ...)");
    }

    @Test
    void pytorchsCudaNamesSuggestTheGpu() {
        assertErrors("""
                model: {path: m.pt, device: 'cuda:1'}
                images: [a.png]
                methods: [{name: saliency}]
                output: {dir: out}
                """,
                "run.yaml:1:29: model.device: unknown value 'cuda:1', did you mean 'gpu:1'? (valid values: cpu, auto, gpu, gpu:0, gpu:1, ...)");
    }

    @Test
    void badGpuIndex() {
        assertErrors("""
                model:
                  path: m.pt
                  device: gpu:-1
                images: [a.png]
                methods: [{name: saliency}]
                output: {dir: out}
                """, "run.yaml:3:11: model.device: bad GPU index in 'gpu:-1': expected a whole number >= 0 after 'gpu:'"
                + " (valid values: cpu, auto, gpu, gpu:0, gpu:1, ...)");
    }

    // ----- ranges and lengths -----

    @Test
    void valueOutOfRange() {
        assertErrors(HEAD + """
                preprocess:
                  std: [0.2, 0, -1]
                output: {dir: out, overlay-alpha: 1.5}
                """,
                "run.yaml:6:14: preprocess.std[1]: value out of range: must be > 0, got '0'",
                "run.yaml:6:17: preprocess.std[2]: value out of range: must be > 0, got '-1'",
                "run.yaml:7:35: output.overlay-alpha: value out of range: must be between 0 and 1, got '1.5'");
    }

    @Test
    void negativeClassIndexAndSizeAreOutOfRange() {
        assertErrors(HEAD + """
                target: -1
                preprocess: {resize: 0}
                output: {dir: out}
                """,
                "run.yaml:5:9: target: value out of range: a class index must be >= 0, got -1",
                "run.yaml:6:22: preprocess.resize: value out of range: sizes must be > 0, got 0");
    }

    @Test
    void integerTooBigForAnInt() {
        assertErrors(HEAD + "target: 99999999999\noutput: {dir: out}\n",
                "run.yaml:5:9: target: value out of range: 99999999999 does not fit in an int");
    }

    @Test
    void meanAndStdNeedExactlyThreeNumbers() {
        assertErrors(HEAD + """
                preprocess:
                  mean: [0.5, 0.5]
                  std: [0.2, 0.2, 0.2, 0.2]
                output: {dir: out}
                """,
                "run.yaml:6:9: preprocess.mean: expected exactly 3 items, got 2",
                "run.yaml:7:8: preprocess.std: expected exactly 3 items, got 4");
    }

    @Test
    void imagesAndMethodsMustNotBeEmpty() {
        assertErrors("""
                model: {path: m.pt}
                images: []
                methods: []
                output: {dir: out}
                """,
                "run.yaml:2:9: images: must not be empty",
                "run.yaml:3:10: methods: must not be empty");
    }

    // ----- semantic rules -----

    @Test
    void aClassLabelTargetNeedsALabelsFile() {
        assertErrors(HEAD + "target: tabby cat\noutput: {dir: out}\n",
                "run.yaml:5:9: target: the class label 'tabby cat' needs model.labels (a text file with one label"
                        + " per line); or give a class index or 'top'");
    }

    // ----- the file as a whole -----

    @Test
    void emptyFile() {
        for (String empty : List.of("", "\n\n", "# nothing here yet\n", "~\n", "---\n")) {
            assertEquals(List.of("run.yaml:1:1: config file is empty"), errors(empty), () -> "for '" + empty + "'");
        }
    }

    @Test
    void rootThatIsNotAMapping() {
        assertErrors("- model\n- images\n",
                "run.yaml:1:1: expected a mapping with keys model, preprocess, images, target, methods, output, plugins, got a list");
    }

    @Test
    void yamlSyntaxErrorIsReportedWhereTheParserFoundIt() {
        assertErrors("""
                model:
                  path: m.pt
                   device: cpu
                """, "run.yaml:3:10: YAML syntax error: mapping values are not allowed here");
    }

    @Test
    void yamlSyntaxErrorSaysWhereTheUnclosedConstructStarts() {
        assertErrors("model: {path: m.pt}\nimages: [a.png, b.png\n",
                "run.yaml:3:1: YAML syntax error: expected ',' or ']', but got <stream end>"
                        + " (while parsing a flow sequence that starts at line 2, column 9)");
    }

    @Test
    void tabIndentationIsASyntaxError() {
        assertErrors("model:\n\tpath: m.pt\n",
                "run.yaml:2:1: YAML syntax error: found character '\\t(TAB)' that cannot start any token."
                        + " (Do not use \\t(TAB) for indentation)");
    }

    @Test
    void duplicateKey() {
        assertErrors("""
                model: {path: m.pt}
                images: [a.png]
                methods: [{name: saliency}]
                output:
                  dir: out
                  dir: out2
                """, "run.yaml:6:3: output.dir: duplicate key 'dir' (first defined at line 5, column 3)");
    }

    @Test
    void duplicateKeyInFreeFormParams() {
        assertErrors(HEAD.replace("methods: [{name: saliency}]", "methods: [{name: s, params: {a: 1, a: 2}}]")
                        + "output: {dir: out}\n",
                "run.yaml:4:36: methods[0].params.a: duplicate key 'a' (first defined at line 4, column 30)");
    }

    @Test
    void onlyOneDocumentIsAllowed() {
        assertErrors(HEAD + "output: {dir: out}\n---\nmodel: {path: other.pt}\n",
                "run.yaml:7:1: only one YAML document is allowed per config file; a second one starts here");
    }

    @Test
    void unknownAlias() {
        assertErrors(HEAD + "output: {dir: *out}\n",
                "run.yaml:5:15: output.dir: unknown alias '*out': no anchor '&out' is defined before it");
    }

    @Test
    void mergeKeyNeedsAMapping() {
        assertErrors(HEAD + "output:\n  <<: 5\n  dir: out\n",
                "run.yaml:6:7: output.<<: the merge key '<<' takes a mapping or a list of mappings, such as an alias"
                        + " *defaults");
    }

    @Test
    void severalErrorsAreReportedTogetherSortedByPosition() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.bind(FILE, """
                colour: red
                model:
                  path: m.pt
                  device: tpu
                preprocess:
                  std: [0.2, 0, 0.1]
                images: []
                methods:
                  - name: saliency
                    parms: {}
                output:
                  overlay-alpha: 2
                """, RunConfig.class));
        assertEquals("""
                run.yaml:1:1: colour: unknown key 'colour', valid keys: model, preprocess, images, target, methods, output, plugins
                run.yaml:4:11: model.device: unknown value 'tpu', did you mean 'cpu'? (valid values: cpu, auto, gpu, gpu:0, gpu:1, ...)
                run.yaml:6:14: preprocess.std[1]: value out of range: must be > 0, got '0'
                run.yaml:7:9: images: must not be empty
                run.yaml:10:5: methods[0].parms: unknown key 'parms', did you mean 'params'?
                run.yaml:11:1: output.dir: missing required field
                run.yaml:12:18: output.overlay-alpha: value out of range: must be between 0 and 1, got '2'""",
                e.getMessage());
        assertEquals(7, e.errors().size());
        ConfigError first = e.errors().get(0);
        assertEquals(new ConfigError(FILE, 1, 1, "colour", first.message()), first);
    }
}
