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
import org.junit.jupiter.params.provider.ValueSource;

/** The scaling rewrite as source and its refusals. No libtorch here (see ScaledForwardDjlTest). */
class ScaleRewriterTest {

    @TempDir
    Path dir;

    @Test
    void wrapsTheOneCallAndAddsTheEntryMethod() {
        ScaleRewriter rewriter = rewriter(TestData.fixture("models/resnet18_traced.pt"));

        TapPlan plan = rewriter.plan("layer3.1.conv2");

        String block = plan.changedSources().values().stream().filter(src -> src.contains("loupe_scale.scale(")).findFirst()
                .orElseThrow();
        assertTrue(block.contains("    _1 = __torch__.loupe_scale.scale((conv2).forward((relu).forward(_0, ), ), loupe_state)\n"),
                block);
        String root = plan.changedSources().get("__torch__.torchvision.models.resnet");
        assertTrue(root.contains("  def loupe_scaled(self: __torch__.torchvision.models.resnet.ResNet,\n"
                + "    loupe_factor: Tensor,\n    x: Tensor) -> Tensor:\n    loupe_state = [loupe_factor]\n"
                + "    return (self).loupe_scale_"), root);
        assertTrue(plan.changedSources().get(ScaleRewriter.SCALE_QUALIFIER).contains("torch.mul(value, state[0])"));
        assertEquals(List.of("layer3.1.conv2"), plan.leafPaths());
    }

    /** torchvision's BasicBlock applies its one nn.ReLU twice: traced as forward and forward1, scripted as two calls. */
    @ParameterizedTest
    @ValueSource(strings = {"models/resnet18_traced.pt", "models/resnet18_scripted.pt"})
    void aModuleThatRunsTwiceIsRefusedNamingItsParent(String model) {
        ScaleRewriter rewriter = rewriter(TestData.fixture(model));

        TapException e = assertThrows(TapException.class, () -> rewriter.plan("layer4.1.relu"));

        assertTrue(e.getMessage().contains("module 'layer4.1.relu' (ReLU) runs 2 times in one forward pass"), e.getMessage());
        assertTrue(e.getMessage().contains("scale its parent block 'layer4.1' instead"), e.getMessage());
    }

    @Test
    void aTopLevelModuleThatRunsTwiceIsRefused() {
        ScaleRewriter rewriter = rewriter(TestData.testModel("called_twice_traced"));

        TapException e = assertThrows(TapException.class, () -> rewriter.plan("conv"));

        assertTrue(e.getMessage().contains("'conv' (Conv2d) runs 2 times")
                && e.getMessage().contains("scale a module that runs once"), e.getMessage());
    }

    @Test
    void unknownPathsAndTheRootAreRefused() {
        ScaleRewriter rewriter = rewriter(TestData.fixture("models/resnet18_traced.pt"));

        UnknownModulePathException e = assertThrows(UnknownModulePathException.class, () -> rewriter.plan("layer5"));
        assertEquals("layer5", e.path());
        assertThrows(TapException.class, () -> rewriter.plan(""));
    }

    @Test
    void aModuleInALoopIsRefused() {
        ScaleRewriter rewriter = rewriter(SyntheticArchive.write(dir.resolve("loop.pt"), "__torch__.M", Map.of("__torch__", """
                class M(Module):
                  conv : __torch__.Conv
                  def forward(self: __torch__.M,
                    x: Tensor) -> Tensor:
                    conv = self.conv
                    x0 = x
                    for _0 in range(3):
                      x0 = (conv).forward(x0, )
                    return x0
                class Conv(Module):
                  def forward(self: __torch__.Conv,
                    x: Tensor) -> Tensor:
                    return x
                """)));

        TapException e = assertThrows(TapException.class, () -> rewriter.plan("conv"));

        assertTrue(e.getMessage().contains("sits inside a loop"), e.getMessage());
    }

    @Test
    void aScaledArchiveIsNotRewrittenAgain() {
        ScaledModel scaled = rewriter(TestData.testModel("functional_relu_traced")).rewrite("conv1", dir.resolve("scaled.pt"));

        TapException e = assertThrows(TapException.class, () -> rewriter(scaled.file()).plan("conv2"));

        assertTrue(e.getMessage().contains("rewrite the original model file"), e.getMessage());
        assertEquals("module_method:loupe_scaled", scaled.djlMethodMarker());
    }

    private static ScaleRewriter rewriter(Path model) {
        return new ScaleRewriter(ModuleTree.of(TorchScriptArchive.open(model)));
    }
}
