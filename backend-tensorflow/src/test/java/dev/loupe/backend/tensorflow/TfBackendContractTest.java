package dev.loupe.backend.tensorflow;

import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.spi.BackendProvider;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.testkit.BackendProviderContract;

/** The testkit's backend contract on the quickstart CNN's graph-mode SavedModel twin. */
class TfBackendContractTest extends BackendProviderContract {

    @Override
    protected BackendProvider provider() {
        return new TfBackendProvider();
    }

    @Override
    protected ModelSpec modelSpec() {
        return ModelSpec.of(Fixtures.path("tf/shapes_cnn/graph"), 3, 80, 80);
    }

    @Override
    protected String layer() {
        return "features/13";
    }
}
