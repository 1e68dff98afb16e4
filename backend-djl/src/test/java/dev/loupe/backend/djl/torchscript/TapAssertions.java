package dev.loupe.backend.djl.torchscript;

import static dev.loupe.backend.djl.torchscript.Tensors.assertClose;
import static dev.loupe.backend.djl.torchscript.Tensors.assertIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.testing.Close;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a model and its tapped rewrite in DJL and compares them with each other and with the values
 * PyTorch computed with hooks on the same model (a reference folder).
 */
final class TapAssertions {

    /**
     * Relative tolerance (of max|expected|) against the PyTorch 1.13 references: libtorch 2.7.1 in
     * DJL may pick other kernels, so results differ in the last float bits (measured: at most 6.3e-7).
     */
    static final double TORCH_TOLERANCE = 1e-5;

    private TapAssertions() {
    }

    /** A checked tapped pass, for further comparisons. */
    record Checked(TappedModel model, DjlModel.Pass pass) {

        FloatArray leaf(String path, int call) {
            return pass.outputs().get(model.outputIndices(path).get(call));
        }

        FloatArray leafGradient(String path, int call) {
            return pass.gradients().get(model.outputIndices(path).get(call) - 1);
        }
    }

    static Checked assertTapsMatchReference(Path model, Reference reference, List<String> layers, Path workDir) {
        return assertTapsMatchReference(model, reference, layers, layers, workDir);
    }

    /**
     * Rewrites {@code model} with taps on {@code tapped}, runs forward + backward of the top-class
     * score in DJL and checks: the output and the input gradient are identical to the untouched
     * model's in DJL and close to PyTorch's; every leaf of the {@code checked} layers is close to the
     * hook activation and gradient PyTorch recorded.
     */
    static Checked assertTapsMatchReference(Path model, Reference reference, List<String> tapped, List<String> checked,
            Path workDir) {
        TappedModel tappedModel = new TapRewriter(TorchScriptArchive.open(model)).rewrite(tapped, workDir.resolve("tapped.pt"));
        FloatArray input = reference.input();
        int[] targets = reference.topTargets();
        DjlModel.Pass untouched;
        try (DjlModel djl = DjlModel.load(model)) {
            untouched = djl.run(null, input, targets);
        }
        DjlModel.Pass pass;
        try (DjlModel djl = DjlModel.load(tappedModel.file())) {
            pass = djl.run(tappedModel.methodName(), input, targets);
        }
        Checked result = new Checked(tappedModel, pass);
        assertEquals(tappedModel.outputCount(), pass.outputs().size(), "tensors returned by " + tappedModel.methodName());
        assertIdentical("output vs untouched forward", untouched.outputs().get(0), pass.outputs().get(0));
        assertIdentical("input gradient vs untouched forward", untouched.inputGradient(), pass.inputGradient());
        assertClose("output vs torch", reference.logits(), pass.outputs().get(0), TORCH_TOLERANCE);
        // a reference gradient from another machine: see Close.assertCloseUpToNearTies
        Close.assertCloseUpToNearTies(pass.inputGradient(), reference.saliency(), TORCH_TOLERANCE, 0, "input gradient vs torch");
        for (String layer : checked) {
            int calls = tappedModel.outputIndices(layer).size();
            for (int call = 0; call < calls; call++) {
                String what = layer + " call " + call;
                assertClose(what + " activation vs torch hook", reference.activation(layer, call), result.leaf(layer, call),
                        TORCH_TOLERANCE);
                assertClose(what + " gradient vs torch hook", reference.gradient(layer, call), result.leafGradient(layer, call),
                        TORCH_TOLERANCE);
            }
        }
        return result;
    }
}
