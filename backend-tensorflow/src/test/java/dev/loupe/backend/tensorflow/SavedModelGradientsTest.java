package dev.loupe.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.GradientPass;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.model.Scope;
import dev.loupe.core.tensor.FloatArray;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gradients on the tiny conv-ReLU-GAP-dense SavedModel, against finite differences and the analytic answer. */
class SavedModelGradientsTest {

    @TempDir
    static Path tmp;

    static ExplainableModel graph;
    static ExplainableModel keras;
    static ExplainableModel nested;

    @BeforeAll
    static void open() throws Exception {
        graph = new TfBackendProvider().open(ModelSpec.of(TinySavedModels.graphMode(tmp.resolve("g"), null), 2, 6, 6));
        keras = new TfBackendProvider().open(ModelSpec.of(TinySavedModels.kerasStyle(tmp.resolve("k")), 2, 6, 6));
        nested = new TfBackendProvider().open(ModelSpec.of(TinySavedModels.kerasStyle(tmp.resolve("n"), true), 2, 6, 6));
    }

    @AfterAll
    static void close() {
        graph.close();
        keras.close();
        nested.close();
    }

    static FloatArray input(long seed) {
        Random random = new Random(seed);
        float[] v = new float[2 * 2 * 6 * 6];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return new FloatArray(v, new long[] {2, 2, 6, 6});
    }

    private static float[] logits(ExplainableModel model, float[] x) {
        try (Scope scope = model.openScope()) {
            return scope.forward(scope.upload(new FloatArray(x, new long[] {2, 2, 6, 6})), HookSpec.none()).logits().toHost().data();
        }
    }

    @Test
    void inputGradientMatchesCentralDifferences() {
        FloatArray x = input(1);
        float[] gradient;
        try (Scope scope = graph.openScope()) {
            GradientPass pass = scope.gradients(scope.upload(x), HookSpec.inputOnly(), logits -> new int[] {1, 2});
            gradient = pass.inputGradient().toHost().data();
            assertThat(pass.inputGradient().shape()).containsExactly(2, 2, 6, 6);
        }
        double eps = 1e-2;
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < gradient.length; i++) {
            float[] plus = x.data().clone();
            float[] minus = x.data().clone();
            plus[i] += (float) eps;
            minus[i] -= (float) eps;
            int image = i / (2 * 6 * 6);
            int target = image == 0 ? 1 : 2;
            double fd = (logits(graph, plus)[image * 3 + target] - logits(graph, minus)[image * 3 + target]) / (2 * eps);
            worst = Math.max(worst, Math.abs(fd - gradient[i]));
            scale = Math.max(scale, Math.abs(gradient[i]));
        }
        // float32 logits and ReLU kinks within eps bound the agreement; 1e-2 of the largest entry
        assertThat(scale).isGreaterThan(1e-3);
        assertThat(worst).as("max |fd - gradient|, largest gradient %s", scale).isLessThan(1e-2 * scale);
    }

    @Test
    void layerGradientAfterTheReluIsTheDenseColumnOverThePositions() {
        float[] dense = TinySavedModels.dense()[0];
        try (Scope scope = graph.openScope()) {
            GradientPass pass = scope.gradients(scope.upload(input(2)), HookSpec.layers(List.of("relu")), logits -> new int[] {0, 2});
            FloatArray g = pass.layerGradient("relu").toHost();
            assertThat(g.shape()).containsExactly(2, 4, 6, 6);
            for (int b = 0; b < 2; b++) {
                int target = b == 0 ? 0 : 2;
                for (int k = 0; k < 4; k++) {
                    for (int p = 0; p < 36; p++) {
                        assertThat(g.data()[((b * 4) + k) * 36 + p]).isCloseTo(dense[k * 3 + target] / 36f, org.assertj.core.data.Offset.offset(1e-7f));
                    }
                }
            }
            float min = Float.MAX_VALUE;
            for (float v : pass.activation("relu").toHost().data()) {
                min = Math.min(min, v);
            }
            assertThat(min).isEqualTo(0f);
            assertThat(pass.targets()).containsExactly(0, 2);
        }
    }

    @Test
    void kerasLayerNamesAreTheScopesInsideTheModel() {
        for (ExplainableModel model : List.of(keras, nested)) {
            List<String> names = model.layers().stream().map(l -> l.path()).toList();
            assertThat(names).contains("conv", "conv/BiasAdd", "relu", "relu/Relu", "pool", "dense")
                    .noneMatch(n -> n.contains("PartitionedCall/tiny") || n.startsWith("tiny/"));
        }
    }

    @Test
    void nestedCallsAreInlinedToo() {
        kerasStyleModelGivesTheGraphModelsNumbers(nested);
    }

    @Test
    void kerasStyleModelGivesTheGraphModelsNumbers() {
        kerasStyleModelGivesTheGraphModelsNumbers(keras);
    }

    private void kerasStyleModelGivesTheGraphModelsNumbers(ExplainableModel keras) {
        FloatArray x = input(3);
        try (Scope a = graph.openScope(); Scope b = keras.openScope()) {
            HookSpec hooks = new HookSpec(List.of("conv"), true);
            GradientPass pg = a.gradients(a.upload(x), hooks, logits -> new int[] {2, 0});
            GradientPass pk = b.gradients(b.upload(x), hooks, logits -> new int[] {2, 0});
            assertThat(pk.logits().toHost().data()).containsExactly(pg.logits().toHost().data());
            assertThat(pk.inputGradient().toHost().data()).containsExactly(pg.inputGradient().toHost().data());
            assertThat(pk.layerGradient("conv").toHost().data()).containsExactly(pg.layerGradient("conv").toHost().data());
        }
    }

    @Test
    void targetsKnownUpFrontGiveTheSameGradientsInOneRun() {
        FloatArray x = input(6);
        dev.loupe.core.model.TargetResolver known = new dev.loupe.core.model.TargetResolver() {
            @Override
            public int[] resolve(FloatArray logits) {
                return new int[] {2, 1};
            }

            @Override
            public int[] known(int batch) {
                return new int[] {2, 1};
            }
        };
        try (Scope scope = graph.openScope()) {
            var t = scope.upload(x);
            HookSpec hooks = new HookSpec(List.of("relu"), true);
            GradientPass twoRuns = scope.gradients(t, hooks, logits -> new int[] {2, 1});
            GradientPass oneRun = scope.gradients(t, hooks, known);
            assertThat(oneRun.logits().toHost().data()).containsExactly(twoRuns.logits().toHost().data());
            assertThat(oneRun.targetScores()).containsExactly(twoRuns.targetScores());
            assertThat(oneRun.inputGradient().toHost().data()).containsExactly(twoRuns.inputGradient().toHost().data());
            assertThat(oneRun.layerGradient("relu").toHost().data()).containsExactly(twoRuns.layerGradient("relu").toHost().data());
            assertThat(oneRun.activation("relu").toHost().data()).containsExactly(twoRuns.activation("relu").toHost().data());
        }
    }

    @Test
    void scalingTheReluOutputByZeroLeavesTheDenseBias() {
        float[] bias = TinySavedModels.dense()[1];
        try (Scope scope = graph.openScope()) {
            var x = scope.upload(input(4));
            float[] plain = scope.forward(x, HookSpec.none()).logits().toHost().data();
            float[] ones = scope.forwardScaled(x, "relu", scope.upload(new FloatArray(new float[] {1, 1, 1, 1}, new long[] {1, 4, 1, 1})))
                    .logits().toHost().data();
            assertThat(ones).containsExactly(plain);
            float[] zeros = scope.forwardScaled(x, "relu", scope.upload(FloatArray.zeros(2, 4, 1, 1))).logits().toHost().data();
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(zeros[b * 3 + c]).isEqualTo(bias[c]);
                }
            }
        }
    }

    @Test
    void guidedAndDeconvnetGraphsKeepTheForwardValues() {
        FloatArray x = input(5);
        try (Scope scope = graph.openScope()) {
            var t = scope.upload(x);
            float[] plain = scope.gradients(t, HookSpec.inputOnly(), l -> new int[] {0, 0}).logits().toHost().data();
            for (var rule : dev.loupe.core.model.ReluRule.values()) {
                GradientPass pass = scope.gradients(t, HookSpec.inputOnly().withReluRule(rule), l -> new int[] {0, 0});
                assertThat(pass.logits().toHost().data()).as(rule.name()).containsExactly(plain);
            }
        }
    }
}
