package dev.loupe.backend.djl.torchscript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        assertTrue(plan.changedSources().get(TapSources.TAP_QUALIFIER).contains("def tap(value: Tensor"));
        assertEquals(List.of("conv", "conv"), plan.leafPaths());
    }

    @Test
    void leavesComeInExecutionOrderInnerBeforeOuter() {
        TapRewriter rewriter = rewriter(TestData.fixture("models/resnet18_traced.pt"));

        assertEquals(List.of("layer3", "layer4"), rewriter.leafPaths(List.of("layer4", "layer3")));
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

        TapPlan first = rewriter.plan(List.of("layer1.0.conv1"));
        TapPlan both = rewriter.plan(List.of("layer1.0.conv1", "layer1.1.conv1"));

        assertEquals(List.of("forward"), addedMethods(first, blockClass).stream().map(m -> m.replaceAll("loupe_\\w{8}_", "")).toList());
        assertEquals(2, addedMethods(both, blockClass).size(), "one copy of forward per instance");
        String layer1Class = rewriter.moduleTree().require("layer1").className();
        ScriptMethod layer1Copy = method(first, layer1Class, addedMethods(first, layer1Class).get(0));
        assertTrue(layer1Copy.body().stream().anyMatch(l -> l.text().contains("(_1).forward(")),
                "layer1.1 keeps its plain forward: " + layer1Copy.body());
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
    void moduleCalledInOnlyOneBranchIsRefused() {
        TapRewriter rewriter = synthetic(withConv("""
                    use_conv = self.use_conv
                    if use_conv:
                      x0 = (conv).forward(x, )
                    else:
                      x0 = x
                    return x0
                """));

        TapException e = assertThrows(TapException.class, () -> rewriter.plan(List.of("conv")));

        assertTrue(e.getMessage().contains("'conv' in __torch__.M.forward sits in only some branches of an if"), e.getMessage());
    }

    /** Scripted MobileNetV2: "if use_res_connect: x + conv(x) else: conv(x)". */
    @Test
    void moduleCalledInEveryBranchIsTappedOnce() {
        TapRewriter rewriter = synthetic(withConv("""
                    use_res_connect = self.use_res_connect
                    if use_res_connect:
                      _0 = torch.add(x, (conv).forward(x, ))
                    else:
                      conv0 = self.conv
                      _0 = (conv0).forward(x, )
                    return _0
                """));

        TapPlan plan = rewriter.plan(List.of("conv"));

        assertEquals(List.of("conv"), plan.leafPaths());
        String source = plan.changedSources().get("__torch__");
        assertTrue(source.contains("_0 = torch.add(x, __torch__.loupe_tap.tap((conv).forward(x, ), loupe_taps))"), source);
        assertTrue(source.contains("_0 = __torch__.loupe_tap.tap((conv0).forward(x, ), loupe_taps)"), source);
    }

    /** Scripted DenseNet: a branch that raises never returns, so its (missing) taps do not count. */
    @Test
    void raisingBranchesDoNotCount() {
        TapRewriter rewriter = synthetic(withConv("""
                    fast = self.fast
                    if fast:
                      ops.prim.RaiseException("Memory Efficient not supported in JIT", "builtins.Exception")
                      x0 = x
                    else:
                      x0 = (conv).forward(x, )
                    return x0
                """));

        assertEquals(List.of("conv"), rewriter.plan(List.of("conv")).leafPaths());
    }

    @Test
    void moduleCalledInALoopIsRefused() {
        TapRewriter rewriter = synthetic(withConv("""
                    x0 = x
                    for _0 in range(3):
                      x0 = (conv).forward(x0, )
                    return x0
                """));

        TapException e = assertThrows(TapException.class, () -> rewriter.plan(List.of("conv")));

        assertTrue(e.getMessage().contains("sits inside a loop"), e.getMessage());
    }

    /** Tracing prints a module that returns its input unchanged as a call that returns nothing. */
    @Test
    void tracedIdentityModuleIsRefusedWithTheReason() {
        TapRewriter rewriter = synthetic("""
                class M(Module):
                  drop : __torch__.Identity
                  def forward(self: __torch__.M,
                    x: Tensor) -> Tensor:
                    drop = self.drop
                    _0 = (drop).forward()
                    return x
                class Identity(Module):
                  def forward(self: __torch__.Identity) -> NoneType:
                    return None
                """);

        TapException e = assertThrows(TapException.class, () -> rewriter.plan(List.of("drop")));

        assertTrue(e.getMessage().contains("returns nothing from forward"), e.getMessage());
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

    /** A model M with a submodule conv (an identity Conv class) whose forward body is {@code body}. */
    private static String withConv(String body) {
        return """
                class M(Module):
                  conv : __torch__.Conv
                  def forward(self: __torch__.M,
                    x: Tensor) -> Tensor:
                    conv = self.conv
                """ + body + """
                class Conv(Module):
                  def forward(self: __torch__.Conv,
                    x: Tensor) -> Tensor:
                    return x
                """;
    }

    private TapRewriter synthetic(String source) {
        return rewriter(SyntheticArchive.write(dir.resolve("synthetic.pt"), "__torch__.M", Map.of("__torch__", source)));
    }

    private static TapRewriter rewriter(Path model) {
        return new TapRewriter(TorchScriptArchive.open(model));
    }

    /** Methods named loupe_* that the plan gave class {@code qualifiedClass}. */
    private static List<String> addedMethods(TapPlan plan, String qualifiedClass) {
        return changedClass(plan, qualifiedClass).methods().keySet().stream().filter(n -> n.startsWith("loupe_")).sorted().toList();
    }

    private static ScriptMethod method(TapPlan plan, String qualifiedClass, String name) {
        return changedClass(plan, qualifiedClass).method(name).orElseThrow();
    }

    private static ScriptClass changedClass(TapPlan plan, String qualifiedClass) {
        String qualifier = qualifiedClass.substring(0, qualifiedClass.lastIndexOf('.'));
        return ScriptSourceParser.parse(qualifier, plan.changedSources().get(qualifier)).stream()
                .filter(c -> c.qualifiedName().equals(qualifiedClass)).findFirst().orElseThrow();
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
