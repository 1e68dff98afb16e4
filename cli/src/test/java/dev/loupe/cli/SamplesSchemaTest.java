package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.loupe.core.testing.Fixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The schemas committed next to the config samples are what {@code loupe schema} prints today,
 * and every sample names its command's schema in its first line (for editors) and validates against it.
 */
class SamplesSchemaTest {

    /** The schema of each command's config files, by the file a sample's first line names. */
    static final Map<String, String> SCHEMAS = Map.of("explain", "loupe-config.schema.json",
            "evaluate", "loupe-evaluate.schema.json");

    private final Path samples = Fixtures.root().resolveSibling("config-samples");

    @Test
    void committedSchemasAreCurrent() throws IOException {
        for (Map.Entry<String, String> schema : SCHEMAS.entrySet()) {
            StringWriter out = new StringWriter();
            int code = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "schema", schema.getKey());
            assertThat(code).isZero();
            assertThat(Files.readString(samples.resolve(schema.getValue()))).as(
                    "config-samples/" + schema.getValue() + " is stale; regenerate it with: ./loupe schema " + schema.getKey()
                            + " > config-samples/" + schema.getValue()).isEqualTo(out.toString());
        }
    }

    @Test
    void everySampleNamesTheSchemaAndValidates() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Path> files;
        try (Stream<Path> listing = Files.list(samples)) {
            files = listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            // SamplesRunTest's rule: evaluate*.yaml files are evaluate configs, the rest explain configs
            String command = file.getFileName().toString().startsWith("evaluate") ? "evaluate" : "explain";
            String schemaFile = SCHEMAS.get(command);
            assertThat(Files.readAllLines(file).get(0)).as(file + ": first line")
                    .isEqualTo("# yaml-language-server: $schema=" + schemaFile);
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(new ObjectMapper().readTree(samples.resolve(schemaFile).toFile()));
            Set<ValidationMessage> problems = schema.validate(yaml.readTree(file.toFile()));
            assertThat(problems).as(file.toString()).isEmpty();
        }
    }
}
