package dev.loupe.backend.djl;

import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.spi.BackendProvider;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.testkit.BackendProviderContract;

/** The testkit's backend contract on the quickstart TorchScript CNN, hooked at its last ReLU. */
class DjlBackendContractTest extends BackendProviderContract {

    @Override
    protected BackendProvider provider() {
        return new DjlBackendProvider();
    }

    @Override
    protected ModelSpec modelSpec() {
        return ModelSpec.of(Fixtures.path("quickstart/shapes_cnn.pt"), 3, 80, 80);
    }

    @Override
    protected String layer() {
        return "features.13";
    }
}
