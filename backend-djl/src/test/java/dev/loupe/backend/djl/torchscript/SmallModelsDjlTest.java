package dev.loupe.backend.djl.torchscript;

import static dev.loupe.backend.djl.torchscript.TapAssertions.assertTapsMatchReference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tapped rewrites of this package's small test models (see make_test_models.py in the test
 * resources), run in DJL and compared with PyTorch hooks.
 */
class SmallModelsDjlTest {

    @TempDir
    Path workDir;

    @ParameterizedTest
    @ValueSource(strings = {"functional_relu_traced", "functional_relu_scripted"})
    void reluAsAFunctionCall(String id) {
        TapAssertions.Checked checked = assertTapsMatchReference(TestData.testModel(id), TestData.testReference(id),
                List.of("conv1", "conv2"), workDir);

        assertEquals(List.of("conv1", "conv2"), checked.model().leafPaths());
    }

    @ParameterizedTest
    @ValueSource(strings = {"called_twice_traced", "called_twice_scripted"})
    void moduleCalledTwiceHasOneLeafPerCallInExecutionOrder(String id) {
        TapAssertions.Checked checked = assertTapsMatchReference(TestData.testModel(id), TestData.testReference(id),
                List.of("conv", "act"), workDir);

        assertEquals(List.of("conv", "act", "conv", "act"), checked.model().leafPaths());
    }

    /** The traced forward runs torch.add_ on the conv output and an in-place ReLU after it. */
    @Test
    void inPlaceOpsAfterTheTapLeaveTheLeafAlone() {
        String id = "inplace_after_tap_traced";
        Reference reference = TestData.testReference(id);
        assertTrue(Tensors.min(reference.activation("conv")) < -0.5, "values an add_(0.5) + ReLU would change");

        TapAssertions.Checked checked = assertTapsMatchReference(TestData.testModel(id), reference, List.of("conv", "relu"), workDir);

        assertEquals(List.of("conv", "relu"), checked.model().leafPaths());
    }
}
