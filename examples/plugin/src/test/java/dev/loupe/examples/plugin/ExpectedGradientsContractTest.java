package dev.loupe.examples.plugin;

import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.testkit.ExplainerProviderContract;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** The plugin's method passes Loupe's method contract. */
class ExpectedGradientsContractTest extends ExplainerProviderContract {

    private final ExplainableModel model = QuickstartModel.open();

    @Override
    protected ExplainerProvider provider() {
        return new ExpectedGradientsProvider();
    }

    @Override
    protected ExplainableModel model() {
        return model;
    }

    @Override
    protected FloatArray images() {
        return QuickstartModel.images();
    }

    @Override
    protected Map<String, Object> parameters() {
        return Map.of("samples", 8L, "batch-size", 4L);
    }

    @AfterAll
    void closeModel() {
        model.close();
    }
}
