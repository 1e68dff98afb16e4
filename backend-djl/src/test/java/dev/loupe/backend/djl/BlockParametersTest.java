package dev.loupe.backend.djl;

import static dev.loupe.backend.djl.TinyCnn.C;
import static dev.loupe.backend.djl.TinyCnn.H;
import static dev.loupe.backend.djl.TinyCnn.W;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ModelParameters;
import dev.loupe.core.model.Scope;
import dev.loupe.core.tensor.FloatArray;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Randomising and restoring a caller's DJL block ({@link TinyCnn}), float32 and float64. */
class BlockParametersTest {

    private static NDManager manager;

    @BeforeAll
    static void engine() {
        DjlEngine.pytorch();
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    }

    @AfterAll
    static void release() {
        manager.close();
    }

    private static float[] logits(ExplainableModel model, FloatArray x) {
        try (Scope scope = model.openScope()) {
            return scope.forward(scope.upload(x), HookSpec.none()).logits().toHost().data();
        }
    }

    private static float[] gradient(ExplainableModel model, FloatArray x) {
        try (Scope scope = model.openScope()) {
            return scope.gradients(scope.upload(x), HookSpec.inputOnly(), l -> new int[] {0, 1}).inputGradient().toHost().data();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT32", "FLOAT64"})
    void randomisesTrainableParametersAndRestoresExactly(DataType type) {
        TinyCnn net = new TinyCnn(manager, type, 11);
        FloatArray x = new FloatArray(TinyCnn.input(2, 3), new long[] {2, C, H, W});
        try (ExplainableModel model = DjlModels.of(net.block, manager, new long[] {C, H, W})) {
            assertTrue(model.capabilities().contains(Capability.PARAMETER_RANDOMIZATION));
            ModelParameters parameters = model.parameters();
            assertEquals(List.of("0", "1.0", "3"), parameters.layers());
            double[] runningMean = TinyCnn.values(net.norm.getParameters().get("runningMean"));
            double[] gamma = TinyCnn.values(net.norm.getParameters().get("gamma"));
            float[] plain = logits(model, x);
            float[] grad = gradient(model, x);
            float[] random;
            try (ModelParameters.ParameterEdit edit = parameters.randomize(List.of("3", "1.0"), 5)) {
                random = logits(model, x);
                assertFalse(Arrays.equals(plain, random));
                assertArrayEquals(runningMean, TinyCnn.values(net.norm.getParameters().get("runningMean")), 0.0,
                        "running statistics are not trainable");
                assertFalse(Arrays.equals(gamma, TinyCnn.values(net.norm.getParameters().get("gamma"))));
            }
            assertArrayEquals(plain, logits(model, x), 0f);
            assertArrayEquals(grad, gradient(model, x), 0f);
            assertArrayEquals(gamma, TinyCnn.values(net.norm.getParameters().get("gamma")), 0.0);
            try (ModelParameters.ParameterEdit edit = parameters.randomize(List.of("3", "1.0"), 5)) {
                assertArrayEquals(random, logits(model, x), 0f, "same seed, same values");
            }
            assertThrows(IllegalArgumentException.class, () -> parameters.randomize(List.of("2"), 1));
        }
    }
}
