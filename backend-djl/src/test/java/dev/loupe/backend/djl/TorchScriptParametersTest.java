package dev.loupe.backend.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.model.Capability;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ModelParameters;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.model.Scope;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.core.testing.NpyReader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Randomising and restoring the quickstart TorchScript model's parameters: every loaded copy of
 * the file (plain, tapped) follows the edit, and closing it gives bit-identical outputs.
 */
class TorchScriptParametersTest {

    private static ExplainableModel model;
    private static FloatArray input;

    @BeforeAll
    static void open() {
        input = NpyReader.read(Fixtures.path("reference/shapes_cnn/input.npy"));
        model = new DjlBackendProvider().open(ModelSpec.of(Fixtures.path("quickstart/shapes_cnn.pt"),
                input.dim(1), input.dim(2), input.dim(3)));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static float[] logits(List<String> tapped) {
        try (Scope scope = model.openScope()) {
            return scope.forward(scope.upload(input), HookSpec.layers(tapped)).logits().toHost().data();
        }
    }

    private static float[] activation(String layer) {
        try (Scope scope = model.openScope()) {
            return scope.forward(scope.upload(input), HookSpec.layers(List.of(layer))).activation(layer).toHost().data();
        }
    }

    private static float[] inputGradient() {
        try (Scope scope = model.openScope()) {
            return scope.gradients(scope.upload(input), HookSpec.inputOnly(), logits -> new int[(int) logits.dim(0)])
                    .inputGradient().toHost().data();
        }
    }

    @Test
    void listsTheParameterisedLayersInExecutionOrder() {
        assertTrue(model.capabilities().contains(Capability.PARAMETER_RANDOMIZATION));
        List<String> layers = model.parameters().layers();
        assertEquals(List.of("features.0", "features.1", "features.4", "features.5", "features.8", "features.9",
                "features.11", "features.12", "classifier"), layers);
        assertEquals(List.of("features.1.weight", "features.1.bias"), ((TorchScriptParameters) model.parameters())
                .tensors("features.1"), "batch norm: scale and shift, not the running statistics (buffers)");
        assertTrue(layers.get(layers.size() - 1).startsWith("classifier"), layers.toString());
        List<String> paths = model.layers().stream().map(l -> l.path()).toList();
        assertTrue(paths.containsAll(layers), "every parameter layer is a layer path: " + layers + " vs " + paths);
    }

    @Test
    void randomisingChangesEveryCopyAndClosingRestoresBitForBit() {
        ModelParameters parameters = model.parameters();
        List<String> layers = parameters.layers();
        String top = layers.get(layers.size() - 1);
        float[] plain = logits(List.of());
        float[] tapped = logits(List.of("features.13"));  // a copy loaded before the edit
        float[] act = activation("features.0");
        float[] grad = inputGradient();
        float[] randomPlain;
        try (ModelParameters.ParameterEdit edit = parameters.randomize(List.of(top, layers.get(0)), 7)) {
            randomPlain = logits(List.of());
            assertFalse(Arrays.equals(plain, randomPlain), "randomising the top layer changes the logits");
            assertArrayEquals(randomPlain, logits(List.of("features.13")), 1e-5f, "the tapped copy follows the edit");
            // a copy first loaded while the edit is open (another layer set) is randomised too
            assertArrayEquals(randomPlain, logits(List.of("features.11")), 1e-5f);
            assertFalse(Arrays.equals(act, activation("features.0")), "the first conv is randomised as well");
        }
        assertArrayEquals(plain, logits(List.of()), 0f);
        assertArrayEquals(tapped, logits(List.of("features.13")), 0f);
        assertArrayEquals(act, activation("features.0"), 0f);
        assertArrayEquals(grad, inputGradient(), 0f, "input gradients after restoring");
        assertArrayEquals(tapped, logits(List.of("features.11")), 0f, "the copy loaded during the edit is restored");

        try (ModelParameters.ParameterEdit edit = parameters.randomize(List.of(top, layers.get(0)), 7)) {
            assertArrayEquals(randomPlain, logits(List.of()), 0f, "same seed, same values");
        }
        try (ModelParameters.ParameterEdit edit = parameters.randomize(List.of(top, layers.get(0)), 8)) {
            assertFalse(Arrays.equals(randomPlain, logits(List.of())), "another seed, other values");
        }
        assertArrayEquals(plain, logits(List.of()), 0f);
    }

    @Test
    void refusesAnUnknownLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.parameters().randomize(List.of("features.99"), 1));
        assertTrue(e.getMessage().contains("features.99"), e.getMessage());
    }
}
