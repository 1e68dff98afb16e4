package dev.loupe.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.LoupeException;
import dev.loupe.core.layer.UnknownLayerException;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.Device;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.model.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a SavedModel can be wrong gets a message that names the problem and the way out. */
class SavedModelBadInputTest {

    @TempDir
    static Path tmp;

    static Path good;

    @BeforeAll
    static void write() throws Exception {
        good = TinySavedModels.graphMode(tmp.resolve("good"), null);
    }

    private static ExplainableModel open(Path dir, Map<String, String> options) {
        return new TfBackendProvider().open(new ModelSpec(dir, Device.CPU, new long[] {2, 6, 6}, options));
    }

    @Test
    void aFileIsNotASavedModel() throws Exception {
        Path file = Files.writeString(tmp.resolve("model.pt"), "not a model");
        assertThat(new TfBackendProvider().recognizes(file)).isFalse();
        assertThatThrownBy(() -> open(file, Map.of())).isInstanceOf(LoupeException.class)
                .hasMessageContaining("is a folder holding saved_model.pb");
    }

    @Test
    void aFolderWithoutTheProtobufIsNotASavedModel() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        assertThat(new TfBackendProvider().recognizes(dir)).isFalse();
        assertThatThrownBy(() -> open(dir, Map.of())).hasMessageContaining("has no saved_model.pb");
    }

    @Test
    void aCorruptProtobufIsRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("corrupt"));
        Files.write(dir.resolve("saved_model.pb"), new byte[] {0x0a, 0x7f, 0x01, 0x02});
        assertThatThrownBy(() -> open(dir, Map.of())).isInstanceOf(LoupeException.class)
                .hasMessageContaining("is not a readable SavedModel protobuf");
    }

    @Test
    void aMissingTagListsTheTagSetsThereAre() {
        assertThatThrownBy(() -> open(good, Map.of("tags", "train")))
                .hasMessageContaining("has no meta graph tagged train").hasMessageContaining("Tag sets it has: serve");
    }

    @Test
    void aMissingSignatureListsTheSignaturesThereAre() {
        assertThatThrownBy(() -> open(good, Map.of("signature", "serving_defualt")))
                .hasMessageContaining("has no signature 'serving_defualt'").hasMessageContaining("serving_default");
    }

    @Test
    void anUnknownOptionOrInputIsRefused() {
        assertThatThrownBy(() -> open(good, Map.of("signatur", "x"))).hasMessageContaining("no model option 'signatur'")
                .hasMessageContaining("signature");
        assertThatThrownBy(() -> open(good, Map.of("input", "image"))).hasMessageContaining("has no input 'image'")
                .hasMessageContaining("Its inputs: x");
    }

    @Test
    void aGpuThatTensorflowDoesNotSeeIsRefusedAndAutoFallsBackToTheCpu() {
        assertThatThrownBy(() -> new TfBackendProvider().open(new ModelSpec(good, Device.gpu(0), new long[] {2, 6, 6}, Map.of())))
                .isInstanceOf(LoupeException.class).hasMessageContaining("device gpu:0 was asked for")
                .hasMessageContaining("-Pcuda");
        try (ExplainableModel model = new TfBackendProvider().open(new ModelSpec(good, Device.AUTO, new long[] {2, 6, 6}, Map.of()))) {
            assertThat(model.description().device()).isEqualTo("cpu");
        }
    }

    @Test
    void theSessionConfigShowsOnlyTheAskedGpuOrNone() {
        assertThat(TfDevice.choose(Device.CPU).config().getDeviceCountMap()).containsEntry("GPU", 0);
        assertThat(TfDevice.choose(Device.gpu(1)).config().getGpuOptions().getVisibleDeviceList()).isEqualTo("1");
        assertThat(TfDevice.choose(Device.AUTO).config().getDeviceCountMap()).doesNotContainKey("GPU");
    }

    @Test
    void anUnknownLayerNamesTheClosestOnes() {
        try (ExplainableModel model = open(good, Map.of()); Scope scope = model.openScope()) {
            var x = scope.upload(SavedModelGradientsTest.input(1));
            assertThatThrownBy(() -> scope.forward(x, HookSpec.layers(List.of("rellu"))))
                    .isInstanceOf(UnknownLayerException.class).hasMessageContaining("Closest names: relu");
        }
    }

    @Test
    void anOpWithoutAGradientIsNamedAndForwardMethodsStillWork() throws Exception {
        Path dir = TinySavedModels.graphMode(tmp.resolve("round"), "Round");
        try (ExplainableModel model = open(dir, Map.of()); Scope scope = model.openScope()) {
            assertThat(model.capabilities()).contains(Capability.FORWARD, Capability.LAYER_SCALING)
                    .doesNotContain(Capability.INPUT_GRADIENT, Capability.RELU_RULES);
            assertThat(model.whyNot(Capability.INPUT_GRADIENT)).contains("no gradient for op type Round")
                    .contains("op odd/Round").contains("occlusion");
            var x = scope.upload(SavedModelGradientsTest.input(1));
            assertThat(scope.forward(x, HookSpec.none()).logits().shape()).containsExactly(2, 3);
            assertThatThrownBy(() -> scope.gradients(x, HookSpec.inputOnly(), l -> new int[] {0, 0}))
                    .isInstanceOf(LoupeException.class).hasMessageContaining("Round");
        }
    }
}
