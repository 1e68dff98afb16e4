package dev.loupe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.cli.config.ConfigSchema;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.registry.MetricRegistry;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code loupe schema}: the JSON Schema of the YAML config, derived from the config records and
 * the installed methods' parameter declarations, for editors (the YAML language server reads a
 * {@code # yaml-language-server: $schema=...} comment at the top of a file).
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print the JSON Schema of the YAML config file (the installed methods and their parameters"
                + " included), for editors that complete and check YAML.",
            "Save it with: loupe schema > loupe-config.schema.json (loupe schema evaluate > loupe-evaluate.schema.json)"})
final class SchemaCommand implements Callable<Integer> {

    /** Which command's config file. */
    enum Kind { explain, evaluate }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "explain", paramLabel = "COMMAND",
            description = "explain (default) or evaluate: the command whose config file the schema describes.")
    private Kind kind;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> schema = kind == Kind.evaluate
                ? ConfigSchema.evaluate(ExplainerRegistry.load().all(), MetricRegistry.load().all())
                : ConfigSchema.explain(ExplainerRegistry.load().all());
        out.print(json(schema));
        return ExitCodes.OK;
    }

    /** Two-space indentation and '\n' line ends on every platform, so the committed file is stable. */
    static String json(Map<String, Object> schema) throws JsonProcessingException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return new ObjectMapper().writer(printer).writeValueAsString(schema) + "\n";
    }
}
