package dev.loupe.examples.plugin;

import dev.loupe.backend.djl.DjlBackendProvider;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.tensor.FloatArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** The quickstart CNN of Loupe's repository (80x80, four classes) and two seeded random images. */
final class QuickstartModel {

    private QuickstartModel() {
    }

    static ExplainableModel open() {
        Path file = Path.of(System.getProperty("example.model", "../../fixtures/quickstart/shapes_cnn.pt"));
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No model at " + file.toAbsolutePath()
                    + "; build this example inside Loupe's repository (examples/plugin) or set -Dexample.model");
        }
        return new DjlBackendProvider().open(ModelSpec.of(file, 3, 80, 80));
    }

    static FloatArray images() {
        SplittableRandom random = new SplittableRandom(1);
        float[] values = new float[2 * 3 * 80 * 80];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-2, 2);
        }
        return new FloatArray(values, new long[] {2, 3, 80, 80});
    }
}
