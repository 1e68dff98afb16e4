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

/** Which ReLU applications the cut rewrite finds, and what it refuses (no libtorch needed). */
class ReluCutRewriterTest {

    @TempDir
    Path dir;

    /** shapes_cnn 4 nn.ReLU; resnet18 1 + 8 blocks x 2 calls of the block's relu; vgg16 13 + 2 in the classifier. */
    @ParameterizedTest
    @CsvSource({
        "quickstart/shapes_cnn.pt, 4",
        "models/resnet18_traced.pt, 17",
        "models/resnet18_scripted.pt, 17",
        "models/vgg16_traced.pt, 15"
    })
    void everyReluOfTheFixturesIsCut(String model, int cuts) {
        ReluCutRewriter rewriter = new ReluCutRewriter(TorchScriptArchive.open(TestData.fixture(model)));
        List<String> labels = rewriter.cutLabels();
        assertEquals(cuts, labels.size(), labels.toString());
    }

    @Test
    void resnetBlockReluIsCutTwicePerBlockInExecutionOrder() {
        List<String> labels = new ReluCutRewriter(TorchScriptArchive.open(TestData.fixture("models/resnet18_traced.pt")))
                .cutLabels();
        assertEquals("ReLU in 'relu' (forward)", labels.get(0));
        assertEquals("ReLU in 'layer1.0.relu' (forward)", labels.get(1));
        assertEquals("ReLU in 'layer1.0.relu' (forward1)", labels.get(2));
        assertEquals("ReLU in 'layer4.1.relu' (forward1)", labels.get(16));
    }

    @Test
    void functionalReluAliasAndTorchReluAreCutButNotOtherActivations() {
        ReluCutRewriter rewriter = synthetic("""
                    _0 = __torch__.torch.nn.functional.relu
                    x0 = _0(x, True, )
                    x1 = torch.relu(torch.hardtanh(x0, 0., 6.), )
                    x2 = torch.leaky_relu(x1, 0.01)
                    x3 = torch.gelu(x2)
                    return torch.relu_(input=x3)
                """);

        TapPlan plan = rewriter.plan();

        assertEquals(3, plan.leafPaths().size(), plan.leafPaths().toString());
        String source = plan.changedSources().get("__torch__");
        assertTrue(source.contains("x0 = __torch__.loupe_relu_cut.cut(x, loupe_cuts)"), source);
        assertTrue(source.contains("x1 = __torch__.loupe_relu_cut.cut(torch.hardtanh(x0, 0., 6.), loupe_cuts)"), source);
        assertTrue(source.contains("return __torch__.loupe_relu_cut.cut(x3, loupe_cuts)"), source);
        assertTrue(source.contains("def loupe_relu_cut(self: __torch__.M"), source);
    }

    @Test
    void reluInALoopIsRefused() {
        ReluCutRewriter rewriter = synthetic("""
                    x0 = x
                    for _1 in range(3):
                      x0 = torch.relu(x0)
                    return x0
                """);

        TapException e = assertThrows(TapException.class, rewriter::plan);

        assertTrue(e.getMessage().contains("inside a loop") && e.getMessage().contains("cannot cut every ReLU"), e.getMessage());
    }

    @Test
    void reluInOnlyOneBranchIsRefused() {
        ReluCutRewriter rewriter = synthetic("""
                    if bool(torch.gt(torch.sum(x), 0)):
                      x0 = torch.relu(x)
                    else:
                      x0 = x
                    return x0
                """);

        TapException e = assertThrows(TapException.class, rewriter::plan);

        assertTrue(e.getMessage().contains("only some branches"), e.getMessage());
    }

    @Test
    void aModelWithoutReluIsRefused() {
        TapException e = assertThrows(TapException.class, () -> synthetic("""
                    return torch.gelu(x)
                """).plan());

        assertTrue(e.getMessage().contains("applies no ReLU"), e.getMessage());
    }

    private ReluCutRewriter synthetic(String body) {
        String source = """
                class M(Module):
                  def forward(self: __torch__.M,
                    x: Tensor) -> Tensor:
                """ + body;
        return new ReluCutRewriter(TorchScriptArchive.open(
                SyntheticArchive.write(dir.resolve("synthetic.pt"), "__torch__.M", Map.of("__torch__", source))));
    }
}
