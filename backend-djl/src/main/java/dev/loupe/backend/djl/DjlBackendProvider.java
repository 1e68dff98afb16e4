package dev.loupe.backend.djl;

import dev.loupe.core.spi.SpiVersion;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.registry.ModelOptions;
import dev.loupe.core.spi.BackendProvider;
import dev.loupe.core.stability.Stable;
import java.nio.file.Path;

/** The DJL / PyTorch backend. Constructing it loads nothing native. */
@Stable
public final class DjlBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return "djl";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public boolean recognizes(Path modelFile) {
        return TorchScriptSniffer.looksLikeTorchScript(modelFile);
    }

    @Override
    public String accepts() {
        return "TorchScript files written by torch.jit.save (from torch.jit.trace or torch.jit.script)";
    }

    @Override
    public ExplainableModel open(ModelSpec spec) {
        // it takes no options (optionNames() is empty); callers from Java get the same refusal as the CLI
        ModelOptions.check(this, spec.options());
        return TorchScriptModel.open(spec);
    }
}
