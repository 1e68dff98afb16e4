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
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The schema committed next to the config samples is what {@code loupe schema} prints today, and
 * every sample names it in its first line (for editors) and validates against it.
 */
class SamplesSchemaTest {

    static final String SCHEMA_FILE = "loupe-config.schema.json";
    static final String MODELINE = "# yaml-language-server: $schema=" + SCHEMA_FILE;

    private final Path samples = Fixtures.root().resolveSibling("config-samples");

    @Test
    void committedSchemaIsCurrent() throws IOException {
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "schema");
        assertThat(code).isZero();
        assertThat(Files.readString(samples.resolve(SCHEMA_FILE))).as(
                "config-samples/" + SCHEMA_FILE + " is stale; regenerate it with: ./loupe schema > config-samples/"
                        + SCHEMA_FILE).isEqualTo(out.toString());
    }

    @Test
    void everySampleNamesTheSchemaAndValidates() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(new ObjectMapper().readTree(samples.resolve(SCHEMA_FILE).toFile()));
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Path> files;
        try (Stream<Path> listing = Files.list(samples)) {
            files = listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            assertThat(Files.readAllLines(file).get(0)).as(file + ": first line").isEqualTo(MODELINE);
            Set<ValidationMessage> problems = schema.validate(yaml.readTree(file.toFile()));
            assertThat(problems).as(file.toString()).isEmpty();
        }
    }
}
