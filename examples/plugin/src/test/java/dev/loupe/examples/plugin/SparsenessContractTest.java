package dev.loupe.examples.plugin;

import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.spi.MetricProvider;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.testkit.MetricProviderContract;
import org.junit.jupiter.api.AfterAll;

/** The plugin's metric passes Loupe's metric contract. */
class SparsenessContractTest extends MetricProviderContract {

    private final ExplainableModel model = QuickstartModel.open();

    @Override
    protected MetricProvider provider() {
        return new SparsenessProvider();
    }

    @Override
    protected ExplainableModel model() {
        return model;
    }

    @Override
    protected FloatArray images() {
        return QuickstartModel.images();
    }

    @AfterAll
    void closeModel() {
        model.close();
    }
}
