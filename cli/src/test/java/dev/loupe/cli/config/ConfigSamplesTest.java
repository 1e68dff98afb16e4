package dev.loupe.cli.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The config files shipped in config-samples/ must stay valid as the config model changes. */
class ConfigSamplesTest {

    @Test
    void everyShippedSampleBinds() throws IOException {
        Path samples = dev.loupe.core.testing.Fixtures.root().resolveSibling("config-samples");
        assertTrue(Files.isDirectory(samples), "no config-samples folder next to " + samples.getParent());
        List<Path> files;
        try (Stream<Path> listing = Files.list(samples)) {
            files = listing.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no samples in " + samples);
        for (Path file : files) {
            // evaluate*.yaml files are evaluate configs (as SamplesRunTest runs them)
            RunConfig run = file.getFileName().toString().startsWith("evaluate")
                    ? ConfigLoader.load(file, EvalConfig.class).asRunConfig() : ConfigLoader.load(file);
            assertTrue(run.model().path().startsWith(samples.getParent().toAbsolutePath().normalize()),
                    () -> file + ": model path " + run.model().path() + " should resolve inside the checkout");
        }
    }
}
