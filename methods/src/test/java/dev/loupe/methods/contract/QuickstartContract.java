package dev.loupe.methods.contract;

import dev.loupe.backend.djl.DjlBackendProvider;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.testkit.ExplainerProviderContract;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;

/**
 * The testkit's method contract for a built-in method, on the quickstart CNN (80x80, four
 * classes) with two seeded random images: the built-in methods pass the suite that plugins run.
 */
abstract class QuickstartContract extends ExplainerProviderContract {

    private final ExplainableModel model = new DjlBackendProvider().open(
            ModelSpec.of(Fixtures.path("quickstart/shapes_cnn.pt"), 3, 80, 80));
    private final FloatArray images = randomImages();

    abstract String method();

    @Override
    protected ExplainerProvider provider() {
        return ExplainerRegistry.load().get(method());
    }

    @Override
    protected ExplainableModel model() {
        return model;
    }

    @Override
    protected FloatArray images() {
        return images;
    }

    @AfterAll
    void closeModel() {
        model.close();
    }

    private static FloatArray randomImages() {
        SplittableRandom random = new SplittableRandom(3);
        float[] values = new float[2 * 3 * 80 * 80];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-2, 2);
        }
        return new FloatArray(values, new long[] {2, 3, 80, 80});
    }
}
