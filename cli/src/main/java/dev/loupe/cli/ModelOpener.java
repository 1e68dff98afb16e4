package dev.loupe.cli;

import dev.loupe.core.model.Device;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.registry.BackendRegistry;
import dev.loupe.core.registry.ModelOptions;
import dev.loupe.core.spi.BackendProvider;
import java.nio.file.Path;
import java.util.Map;

/** Chooses the backend for a model (or the one named), checks the model options against it, and opens the model. */
final class ModelOpener {

    private ModelOpener() {
    }

    static ExplainableModel open(Path model, String backend, Device device, Map<String, String> options,
            long[] inputShape) {
        BackendProvider provider = BackendRegistry.load().choose(backend, model);
        // before loading: a misspelt option must not cost a model load, nor be silently ignored
        ModelOptions.check(provider, options);
        return provider.open(new ModelSpec(model, device, inputShape, options));
    }
}
