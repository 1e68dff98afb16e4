package dev.loupe.backend.djl.torchscript;

import static dev.loupe.backend.djl.torchscript.TapAssertions.assertTapsMatchReference;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tapped rewrites of this package's small test models, run in DJL and compared with PyTorch hooks. */
class TappedModelDjlTest {

    @TempDir
    Path workDir;

    @ParameterizedTest
    @ValueSource(strings = {"functional_relu_traced", "functional_relu_scripted"})
    void reluAsFunctionCall(String id) {
        TappedModel tapped = assertTapsMatchReference(TestData.testModel(id), TestData.testReference(id),
                List.of("conv1", "conv2"), workDir);
        assertEquals(List.of("conv1", "conv2"), tapped.leafPaths());
    }

    @ParameterizedTest
    @ValueSource(strings = {"called_twice_traced", "called_twice_scripted"})
    void moduleCalledTwiceHasOneLeafPerCallInExecutionOrder(String id) {
        TappedModel tapped = assertTapsMatchReference(TestData.testModel(id), TestData.testReference(id),
                List.of("conv", "act"), workDir);
        assertEquals(List.of("conv", "act", "conv", "act"), tapped.leafPaths());
    }
}
