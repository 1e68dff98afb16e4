package dev.loupe.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.loupe.core.registry.ExplainerRegistry;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated schema agrees with the binder: what binds validates, and each kind of mistake the
 * binder refuses (unknown key, wrong type, out of range, unknown enum word) the schema refuses too.
 */
class ConfigSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(JSON.valueToTree(ConfigSchema.explain(ExplainerRegistry.load().all())));

    private static final String VALID = """
            model: {path: m.pt, device: GPU:1, labels: l.txt, options: {tags: serve, size: 3}}
            preprocess: {resize: [96, 80], center-crop: 80, mean: [0.5, 0.5, 0.5], std: [0.2, 0.2, 0.2]}
            images: [a.png, folder]
            target: triangle
            methods:
              - name: grad-cam
                params: {layer: features.13}
              - name: integrated-gradients
                params: {steps: "32", baseline: zeros}
              - name: grad-cam
                params: {layer: [features.6, features.13]}
            output: {dir: out, overlay-alpha: 1, colormap: viridis, reduction: abs-sum, clip: 2, kinds: [overlay, heatmap]}
            """;

    @ParameterizedTest
    @ValueSource(strings = {VALID, "images: [a.png]\nmethods: [{name: saliency}]\nmodel: {path: m.pt}\noutput: {dir: o}\ntarget: 3\n"})
    void whatBindsValidates(String yaml) throws Exception {
        ConfigLoader.bind(Path.of("config.yaml"), yaml, RunConfig.class);
        assertThat(problems(yaml)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "output: {dir: out, colour-map: jet}",        // unknown key
        "output: {dir: out, overlay-alpha: 1.5}",     // out of range
        "output: {dir: out, reduction: biggest}",     // unknown enum word
        "output: {dir: out, kinds: overlay}",         // a word where a list belongs
        "preprocess: {mean: [0.5, 0.5]}",             // too short a list
        "preprocess: {std: [0.2, 0, 0.2]}",           // std must be > 0
        "preprocess: {resize: [96, 80, 3]}",          // a size has one or two numbers
        "model: {path: m.pt, device: cuda}",          // no such device
        "target: -1"                                  // class indices are >= 0
    })
    void whatTheBinderRefusesTheSchemaRefuses(String change) throws Exception {
        String yaml = withReplacedSection(change);
        assertThatThrownBy(() -> ConfigLoader.bind(Path.of("config.yaml"), yaml, RunConfig.class))
                .isInstanceOf(ConfigException.class);
        assertThat(problems(yaml)).as(yaml).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "methods: [{name: grad-cm}]",                                  // no such method
        "methods: [{name: grad-cam, params: {layr: features.13}}]",    // no such parameter
        "methods: [{name: integrated-gradients, params: {steps: many}}]",
        "methods: [{name: integrated-gradients, params: {steps: 0}}]"  // below the declared minimum
    })
    void methodParametersAreCheckedPerMethod(String change) throws Exception {
        assertThat(problems(withReplacedSection(change))).isNotEmpty();
    }

    /** VALID with the top-level section that {@code change} names replaced by it. */
    private static String withReplacedSection(String change) {
        String key = change.substring(0, change.indexOf(':'));
        StringBuilder yaml = new StringBuilder(change).append('\n');
        boolean skipping = false;
        for (String line : VALID.split("\n")) {
            boolean top = !line.startsWith(" ");
            if (top) {
                skipping = line.startsWith(key + ":");
            }
            if (!skipping) {
                yaml.append(line).append('\n');
            }
        }
        return yaml.toString();
    }

    private static Set<ValidationMessage> problems(String yaml) throws Exception {
        JsonNode document = YAML.readTree(yaml);
        return SCHEMA.validate(document);
    }
}
