package dev.loupe.cli;

import dev.loupe.core.evaluate.MetricDirection;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.registry.MetricRegistry;
import dev.loupe.core.registry.ProviderSource;
import dev.loupe.core.spi.MetricProvider;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code loupe metrics}: every evaluation metric on the class path with its version, jar, direction and parameters. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "List the evaluation metrics for 'loupe evaluate', their versions, jars, directions and parameters.")
final class MetricsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        MetricRegistry registry = MetricRegistry.load();
        for (MetricProvider provider : registry.all()) {
            out.printf("%s %s  (%s; SPI %s; %s is better)%n", provider.name(), provider.version(),
                    ProviderSource.of(provider.getClass()), provider.spiVersion(),
                    provider.direction() == MetricDirection.HIGHER_IS_BETTER ? "higher" : "lower");
            out.printf("    %s%n", provider.description());
            for (ParameterDef def : provider.parameters().definitions()) {
                out.printf("    %s=%s   %s; %s%n", def.name(), def.defaultValue(), def.accepts(), def.description());
            }
        }
        PluginProblems.print(registry.problems(), spec.commandLine().getErr());
        return ExitCodes.OK;
    }
}
