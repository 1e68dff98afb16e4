package dev.loupe.backend.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.model.Capability;
import dev.loupe.core.model.Device;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ModelParameters;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.model.ReluRule;
import dev.loupe.core.model.Scope;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.core.testing.NpyReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Randomising and restoring the variables of the quickstart CNN's SavedModel twins (graph-mode and
 * Keras-style): the plain graph and a ReLU-rewritten copy (loaded during the edit) follow it, batch
 * norm running statistics are left alone, and closing it gives bit-identical outputs.
 */
class TfParametersTest {

    private static final List<String> EXPECTED_LAYERS = List.of("features/0", "features/1", "features/4", "features/5",
            "features/8", "features/9", "features/11", "features/12", "classifier");

    private static float[] logits(ExplainableModel model, FloatArray input) {
        try (Scope scope = model.openScope()) {
            return scope.forward(scope.upload(input), HookSpec.none()).logits().toHost().data();
        }
    }

    private static float[] guidedGradient(ExplainableModel model, FloatArray input) {
        try (Scope scope = model.openScope()) {
            HookSpec guided = new HookSpec(List.of(), true, ReluRule.GUIDED);
            return scope.gradients(scope.upload(input), guided, l -> new int[(int) l.dim(0)]).inputGradient().toHost().data();
        }
    }

    private static float[] gradient(ExplainableModel model, FloatArray input) {
        try (Scope scope = model.openScope()) {
            return scope.gradients(scope.upload(input), HookSpec.inputOnly(), l -> new int[(int) l.dim(0)])
                    .inputGradient().toHost().data();
        }
    }

    @Test
    void weightsHeldAsConstantsCannotBeRandomised(@TempDir Path tmp) throws IOException {
        try (ExplainableModel model = new TfBackendProvider().open(ModelSpec.of(TinySavedModels.graphMode(tmp.resolve("g"), null),
                2, 6, 6))) {
            assertFalse(model.capabilities().contains(Capability.PARAMETER_RANDOMIZATION));
            assertTrue(model.whyNot(Capability.PARAMETER_RANDOMIZATION).contains("constants"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"graph", "keras"})
    void randomisesEveryGraphAndRestoresBitForBit(String style) {
        FloatArray input = NpyReader.read(Fixtures.path("reference/shapes_cnn/input.npy"));
        try (ExplainableModel model = new TfBackendProvider().open(new ModelSpec(Fixtures.path("tf/shapes_cnn/" + style),
                Device.CPU, new long[] {3, 80, 80}, style.equals("keras") ? Map.of("output", "logits") : Map.of()))) {
            assertTrue(model.capabilities().contains(Capability.PARAMETER_RANDOMIZATION));
            ModelParameters parameters = model.parameters();
            assertEquals(EXPECTED_LAYERS, parameters.layers(), "one entry per parameterised module, execution order");
            assertEquals(List.of("features/1/gamma", "features/1/beta"), ((TfParameters) parameters).variables("features/1"),
                    "batch norm: scale and shift, not the moving statistics");
            assertEquals(2, ((TfParameters) parameters).variables("classifier").size());
            float[] plain = logits(model, input);
            float[] grad = gradient(model, input);
            float[] random;
            float[] guidedRandom;
            try (ModelParameters.ParameterEdit edit = parameters.randomize(List.of("classifier", "features/0"), 3)) {
                random = logits(model, input);
                assertFalse(Arrays.equals(plain, random));
                assertFalse(Arrays.equals(grad, gradient(model, input)), "gradients see the new values too");
                guidedRandom = guidedGradient(model, input); // loads the guided graph during the edit
            }
            assertArrayEquals(plain, logits(model, input), 0f);
            assertArrayEquals(grad, gradient(model, input), 0f);
            float[] guided = guidedGradient(model, input);
            assertFalse(Arrays.equals(guided, guidedRandom), "the guided graph followed the edit, then was restored");
            try (ModelParameters.ParameterEdit edit = parameters.randomize(List.of("classifier", "features/0"), 3)) {
                assertArrayEquals(random, logits(model, input), 0f, "same seed, same values");
                assertArrayEquals(guidedRandom, guidedGradient(model, input), 0f, "the loaded guided graph is edited too");
            }
            assertArrayEquals(guided, guidedGradient(model, input), 0f);
            assertArrayEquals(plain, logits(model, input), 0f);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> parameters.randomize(List.of("features/2"), 1));
            assertTrue(e.getMessage().contains("features/2"), e.getMessage());
        }
    }
}
