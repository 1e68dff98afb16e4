package dev.loupe.cli;

import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.registry.ProviderSource;
import dev.loupe.core.spi.ExplainerProvider;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code loupe methods}: every method on the class path with its version, jar and parameters. */
@Command(name = "methods", mixinStandardHelpOptions = true,
        description = "List the attribution methods, their versions, jars and parameters.")
final class MethodsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ExplainerRegistry registry = ExplainerRegistry.load();
        for (ExplainerProvider provider : registry.all()) {
            out.printf("%s %s  (%s; SPI %s)%n", provider.name(), provider.version(), ProviderSource.of(provider.getClass()),
                    provider.spiVersion());
            out.printf("    %s%n", provider.description());
            for (ParameterDef def : provider.parameters().definitions()) {
                out.printf("    --param %s=%s   %s; %s%n", def.name(), def.defaultValue(), def.accepts(), def.description());
            }
        }
        PluginProblems.print(registry.problems(), spec.commandLine().getErr());
        return ExitCodes.OK;
    }
}
