package dev.loupe.cli;

import dev.loupe.core.model.Device;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.registry.BackendRegistry;
import dev.loupe.core.spi.BackendProvider;
import java.nio.file.Path;
import java.util.Map;

/** Chooses the backend for a model file (or the one named) and opens the model. */
final class ModelOpener {

    private ModelOpener() {
    }

    static ExplainableModel open(Path model, String backend, Device device, long[] inputShape) {
        BackendProvider provider = BackendRegistry.load().choose(backend, model);
        return provider.open(new ModelSpec(model, device, inputShape, Map.of()));
    }
}
