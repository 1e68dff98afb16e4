package dev.loupe.backend.djl.torchscript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rewrite as source: leaf order, what changes and what must not, and the refusals. No libtorch here. */
class TapRewriterTest {

    @TempDir
    Path dir;

    @Test
    void wrapsTappedCallsAndAddsTheEntryMethod() {
        TapPlan plan = rewriter(TestData.testModel("called_twice_traced")).plan(List.of("conv"));

        String root = plan.changedSources().get("__torch__");
        assertTrue(root.contains("_0 = (act).forward(__torch__.loupe_tap.tap((conv).forward(x, ), loupe_taps), )"), root);
        assertTrue(root.contains("_1 = (act).forward1(__torch__.loupe_tap.tap((conv).forward1(_0, ), loupe_taps), )"), root);
        assertTrue(root.contains("  def loupe_tapped(self: __torch__.CalledTwice,\n    x: Tensor) -> List[Tensor]:\n"), root);
        assertTrue(plan.changedSources().get(TapPlanner.TAP_QUALIFIER).contains("def tap(value: Tensor"));
        assertEquals(List.of("conv", "conv"), plan.leafPaths());
    }

    @Test
    void leavesComeInExecutionOrderInnerBeforeOuter() {
        TapRewriter rewriter = rewriter(TestData.fixture("models/resnet18_traced.pt"));

        assertEquals(List.of("layer3", "layer4"), rewriter.plan(List.of("layer4", "layer3")).leafPaths());
        assertEquals(List.of("layer4.1.conv2", "layer4"), rewriter.plan(List.of("layer4", "layer4.1.conv2")).leafPaths());
        assertEquals(List.of("layer4.1.relu", "layer4.1.relu"), rewriter.plan(List.of("layer4.1.relu")).leafPaths(),
                "the block's one ReLU runs twice");
        assertEquals(List.of("layer4.0.bn2", "layer4.0.downsample.0"),
                rewriter.plan(List.of("layer4.0.downsample.0", "layer4.0.bn2")).leafPaths(),
                "torch.add_((bn2).forward(_1, ), (downsample).forward(argument_1, )) runs bn2 first, as eager PyTorch does");
    }

    @Test
    void leavesEveryOriginalLineInPlace() {
        TorchScriptArchive archive = TorchScriptArchive.open(TestData.fixture("models/resnet18_scripted.pt"));
        TapPlan plan = new TapRewriter(archive).plan(List.of("layer3.1.conv2", "layer4", "relu"));

        plan.changedSources().forEach((qualifier, changed) -> {
            String original = archive.sources().get(qualifier);
            if (original != null) {
                assertTrue(isSubsequence(original.split("\n"), changed.split("\n")), qualifier + " lost or reordered lines");
            }
        });
    }

    @Test
    void scriptedInstancesSharingAClassGetTheirOwnMethods() {
        TorchScriptArchive archive = TorchScriptArchive.open(TestData.fixture("models/resnet18_scripted.pt"));
        TapRewriter rewriter = new TapRewriter(archive);
        String blockClass = rewriter.moduleTree().require("layer1.0").className();
        assertEquals(blockClass, rewriter.moduleTree().require("layer1.1").className(), "scripting shares the class");
        String blockFile = blockClass.substring(0, blockClass.lastIndexOf('.'));

        TapPlan first = rewriter.plan(List.of("layer1.0.conv1"));
        TapPlan both = rewriter.plan(List.of("layer1.0.conv1", "layer1.1.conv1"));

        assertEquals(1, count(first.changedSources().get(blockFile), "  def loupe_"));
        assertEquals(2, count(both.changedSources().get(blockFile), "  def loupe_"));
        String layer1Class = rewriter.moduleTree().require("layer1").className();
        String layer1Source = first.changedSources().get(layer1Class.substring(0, layer1Class.lastIndexOf('.')));
        assertTrue(layer1Source.contains("return (_1).forward(input0, )"), "layer1.1 keeps its plain forward:\n" + layer1Source);
    }

    @Test
    void unknownPathIsRefusedWithSuggestions() {
        TapRewriter rewriter = rewriter(TestData.fixture("models/vgg16_traced.pt"));

        UnknownModulePathException e = assertThrows(UnknownModulePathException.class,
                () -> rewriter.plan(List.of("features.28", "feature.29")));

        assertEquals("feature.29", e.path());
        assertEquals("features.29", e.suggestions().get(0));
    }

    @Test
    void moduleReturningATupleIsRefused() {
        TapRewriter rewriter = synthetic("""
                class M(Module):
                  split : __torch__.Split
                  def forward(self: __torch__.M,
                    x: Tensor) -> Tensor:
                    split = self.split
                    _0 = (split).forward(x, )
                    a, b, = _0
                    return torch.add(a, b)
                class Split(Module):
                  def forward(self: __torch__.Split,
                    x: Tensor) -> Tuple[Tensor, Tensor]:
                    return (x, x)
                """);

        TapException e = assertThrows(TapException.class, () -> rewriter.plan(List.of("split")));

        assertTrue(e.getMessage().contains("'split' (Split) returns Tuple[Tensor, Tensor]"), e.getMessage());
    }

    @Test
    void moduleCalledInsideABranchOrLoopIsRefused() {
        TapRewriter rewriter = synthetic("""
                class M(Module):
                  conv : __torch__.Conv
                  use_conv : bool
                  def forward(self: __torch__.M,
                    x: Tensor) -> Tensor:
                    conv = self.conv
                    use_conv = self.use_conv
                    if use_conv:
                      x0 = (conv).forward(x, )
                    else:
                      x0 = x
                    return x0
                class Conv(Module):
                  def forward(self: __torch__.Conv,
                    x: Tensor) -> Tensor:
                    return x
                """);

        TapException e = assertThrows(TapException.class, () -> rewriter.plan(List.of("conv")));

        assertTrue(e.getMessage().contains("inside a branch or loop"), e.getMessage());
    }

    @Test
    void moduleForwardNeverCallsIsRefused() {
        TapRewriter rewriter = synthetic("""
                class M(Module):
                  unused : __torch__.Conv
                  def forward(self: __torch__.M,
                    x: Tensor) -> Tensor:
                    return x
                class Conv(Module):
                  def forward(self: __torch__.Conv,
                    x: Tensor) -> Tensor:
                    return x
                """);

        TapException e = assertThrows(TapException.class, () -> rewriter.plan(List.of("unused")));

        assertTrue(e.getMessage().contains("'unused' is never called"), e.getMessage());
    }

    @Test
    void modelWhoseForwardReturnsATupleIsRefused() {
        TapRewriter rewriter = synthetic("""
                class M(Module):
                  conv : __torch__.Conv
                  def forward(self: __torch__.M,
                    x: Tensor) -> Tuple[Tensor, Tensor]:
                    conv = self.conv
                    return ((conv).forward(x, ), x)
                class Conv(Module):
                  def forward(self: __torch__.Conv,
                    x: Tensor) -> Tensor:
                    return x
                """);

        TapException e = assertThrows(TapException.class, () -> rewriter.plan(List.of("conv")));

        assertTrue(e.getMessage().contains("forward returns Tuple[Tensor, Tensor], not one Tensor"), e.getMessage());
    }

    @Test
    void emptyRequestsAndTheRootAreRefused() {
        TapRewriter rewriter = rewriter(TestData.testModel("called_twice_traced"));

        assertThrows(TapException.class, () -> rewriter.plan(List.of()));
        assertThrows(TapException.class, () -> rewriter.plan(List.of("")));
    }

    @Test
    void aRewrittenArchiveIsNotRewrittenAgain() {
        TapRewriter rewriter = rewriter(TestData.testModel("called_twice_traced"));
        TappedModel tapped = rewriter.rewrite(List.of("conv"), dir.resolve("tapped.pt"));

        TapException e = assertThrows(TapException.class,
                () -> rewriter(tapped.file()).plan(List.of("act")));

        assertTrue(e.getMessage().contains("rewrite the original model file"), e.getMessage());
    }

    private TapRewriter synthetic(String source) {
        return rewriter(SyntheticArchive.write(dir.resolve("synthetic.pt"), "__torch__.M", Map.of("__torch__", source)));
    }

    private static TapRewriter rewriter(Path model) {
        return new TapRewriter(TorchScriptArchive.open(model));
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static boolean isSubsequence(String[] expected, String[] actual) {
        int j = 0;
        for (String line : actual) {
            if (j < expected.length && line.equals(expected[j])) {
                j++;
            }
        }
        return j == expected.length;
    }
}
