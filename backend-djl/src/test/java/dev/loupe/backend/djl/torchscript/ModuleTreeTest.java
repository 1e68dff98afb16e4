package dev.loupe.backend.djl.torchscript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModuleTreeTest {

    /** layers.json lists named_modules() (root excluded) with each module's Python class name. */
    @ParameterizedTest
    @CsvSource({
        "models/resnet18_traced.pt, resnet18",
        "models/resnet18_scripted.pt, resnet18",
        "models/vgg16_traced.pt, vgg16",
        "quickstart/shapes_cnn.pt, shapes_cnn"
    })
    void pathsAndTypesMatchPyTorchNamedModules(String model, String referenceId) {
        ModuleTree tree = ModuleTree.of(TorchScriptArchive.open(TestData.fixture(model)));

        assertEquals(expectedRows(TestData.fixtureReference(referenceId)), rows(tree));
    }

    @ParameterizedTest
    @CsvSource({"functional_relu_traced", "functional_relu_scripted", "called_twice_traced", "called_twice_scripted"})
    void pathsAndTypesOfTheSmallTestModels(String id) {
        ModuleTree tree = ModuleTree.of(TorchScriptArchive.open(TestData.testModel(id)));

        assertEquals(expectedRows(TestData.testReference(id)), rows(tree));
    }

    @Test
    void describesRootAndNestedModules() {
        ModuleTree tree = ModuleTree.of(TorchScriptArchive.open(TestData.fixture("models/resnet18_traced.pt")));

        assertEquals("ResNet", tree.root().typeName());
        assertEquals("", tree.root().path());
        ModuleNode conv = tree.require("layer4.0.downsample.0");
        assertEquals("Conv2d", conv.typeName());
        assertEquals("0", conv.name());
        assertTrue(conv.className().startsWith("__torch__.torch.nn.modules.conv."), conv.className());
        assertEquals(List.of("0", "1"), tree.require("layer4").children().stream().map(ModuleNode::name).toList());
    }

    @Test
    void unknownPathNamesTheClosestOnes() {
        ModuleTree tree = ModuleTree.of(TorchScriptArchive.open(TestData.fixture("models/resnet18_traced.pt")));

        UnknownModulePathException e = assertThrows(UnknownModulePathException.class, () -> tree.require("layer4.1.conv3"));

        assertEquals("layer4.1.conv3", e.path());
        assertTrue(e.suggestions().contains("layer4.1.conv2"), e.suggestions().toString());
        assertTrue(e.getMessage().contains("Did you mean 'layer4.1.conv"), e.getMessage());
    }

    @Test
    void modelWithoutSubmodulesExplainsFreezing(@TempDir Path dir) {
        Path frozen = SyntheticArchive.write(dir.resolve("frozen.pt"), "__torch__.M", Map.of("__torch__", """
                class M(Module):
                  __parameters__ = []
                  __buffers__ = []
                  def forward(self: __torch__.M,
                    x: Tensor) -> Tensor:
                    return torch.relu_(torch.conv2d(x, CONSTANTS.c0, CONSTANTS.c1, [1, 1], [1, 1]))
                """));
        ModuleTree tree = ModuleTree.of(TorchScriptArchive.open(frozen));

        UnknownModulePathException e = assertThrows(UnknownModulePathException.class, () -> tree.require("conv1"));

        assertTrue(tree.modules().isEmpty());
        assertTrue(e.getMessage().contains("torch.jit.freeze"), e.getMessage());
    }

    private static List<String> expectedRows(Reference reference) {
        return reference.layers().stream().map(l -> l.path() + " " + l.type()).toList();
    }

    private static List<String> rows(ModuleTree tree) {
        return tree.modules().stream().map(m -> m.path() + " " + m.typeName()).toList();
    }
}
