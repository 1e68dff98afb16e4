package dev.loupe.cli;

import dev.loupe.core.registry.PluginProblem;
import java.io.PrintWriter;
import java.util.List;

/** Tells the user about providers that were found but not loaded; the listing itself still succeeds. */
final class PluginProblems {

    private PluginProblems() {
    }

    static void print(List<PluginProblem> problems, PrintWriter err) {
        for (PluginProblem problem : problems) {
            err.println("loupe: " + problem);
        }
    }
}
