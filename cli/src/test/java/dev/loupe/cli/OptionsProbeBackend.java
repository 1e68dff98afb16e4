package dev.loupe.cli;

import dev.loupe.core.spi.SpiVersion;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.spi.BackendProvider;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A test backend (registered for cli's tests only) that takes two options and records the spec
 * it is asked to open, then refuses: it shows what the command line passes to a backend. It never
 * recognizes a model, so {@code backend: auto} never picks it.
 */
public final class OptionsProbeBackend implements BackendProvider {

    static final String NAME = "options-probe";
    static final AtomicReference<ModelSpec> LAST = new AtomicReference<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public boolean recognizes(Path modelFile) {
        return false;
    }

    @Override
    public String accepts() {
        return "nothing (a test backend)";
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("threads", "tags");
    }

    @Override
    public ExplainableModel open(ModelSpec spec) {
        LAST.set(spec);
        throw new LoupeException(ErrorKind.INPUT, NAME + " opens no model");
    }
}
