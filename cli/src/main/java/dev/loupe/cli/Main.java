package dev.loupe.cli;

import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Device;
import dev.loupe.core.stability.Internal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code loupe} command. {@link #run} is the testable entry point: it returns the exit code. */
@Command(name = "loupe",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Attribution maps for image classifiers: see what drove a prediction.",
        subcommands = {ExplainCommand.class, PredictCommand.class, LayersCommand.class, MethodsCommand.class, BenchCommand.class,
            LocalisationCommand.class, EvaluateCommand.class, MetricsCommand.class, SchemaCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:all outputs written",
            "1:internal error (a bug)",
            "2:bad usage, config file, method or parameter",
            "3:bad model, layer, target or no readable image",
            "4:finished, but some images failed (see run.json) or a metric was skipped"})
@Internal
public final class Main implements Runnable {

    static {
        // Figures are drawn into images in memory: never ask for a display (and no Dock icon on macOS).
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(out, err, args));
    }

    /**
     * {@code --plugins}: applied while the command line is parsed, before any subcommand looks for
     * providers; inherited, so it may also follow the subcommand's name.
     */
    @CommandLine.Option(names = "--plugins", paramLabel = "DIR", split = ",", scope = CommandLine.ScopeType.INHERIT,
            description = "Folders of plugin jars (methods, metrics, backends) to load besides the built-in ones;"
                    + " repeatable or comma-separated.")
    void plugins(List<Path> folders) {
        Plugins.install(folders);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.registerConverter(Device.class, Main::device);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, err));
        // plugin folders go into the context class loader; a later run in this JVM starts without them
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        int code;
        try {
            code = cli.execute(args);
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
        out.flush();
        err.flush();
        return code;
    }

    /** {@code --device}: Device.parse's message (the accepted forms, a "did you mean") as a usage error. */
    private static Device device(String text) {
        try {
            return Device.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    private static int report(Exception e, PrintWriter err) {
        if (e instanceof LoupeException loupe) {
            err.println("error: " + loupe.getMessage());
            if (System.getenv("LOUPE_DEBUG") != null && loupe.getCause() != null) {
                loupe.getCause().printStackTrace(err);
            }
            return ExitCodes.of(loupe.kind());
        }
        err.println("error: internal failure: " + e);
        e.printStackTrace(err);
        err.println("This is a bug in Loupe; please report it with the command you ran.");
        return ExitCodes.INTERNAL;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: explain, predict, layers, methods, bench, localisation, evaluate or metrics.");
    }
}
