package dev.loupe.backend.djl;

import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.spi.BackendProvider;
import java.nio.file.Path;

/** The DJL / PyTorch backend. Constructing it loads nothing native. */
public final class DjlBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return "djl";
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
        return TorchScriptModel.open(spec);
    }
}
