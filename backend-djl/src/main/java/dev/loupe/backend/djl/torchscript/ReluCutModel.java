package dev.loupe.backend.djl.torchscript;

import dev.loupe.core.stability.Internal;
import java.nio.file.Path;
import java.util.List;

/**
 * An archive rewritten by {@link ReluCutRewriter} and how to read its entry method's result:
 * {@code 1 + 2 * cutCount()} tensors, element 0 the model output, then for cut k (0-based, in
 * execution order) element {@code 1 + 2k} the ReLU input s_k (carrying the graph of its segment)
 * and element {@code 2 + 2k} the leaf holding relu(s_k), whose gradient after a backward is
 * d(score)/d(ReLU output) over everything the later segments have back-propagated.
 *
 * @param labels where each cut's ReLU is ("ReLU in 'layer1.0.relu' (forward1)"), one per cut
 */
@Internal
public record ReluCutModel(Path file, String methodName, List<String> labels) {

    public ReluCutModel {
        labels = List.copyOf(labels);
    }

    public int cutCount() {
        return labels.size();
    }

    /** Position of cut k's ReLU input in the returned list. */
    public static int inputIndex(int k) {
        return 1 + 2 * k;
    }

    /** Position of cut k's leaf in the returned list. */
    public static int leafIndex(int k) {
        return 2 + 2 * k;
    }

    /** The NDList element name that makes DJL's IValueUtils.forward run the entry method. */
    public String djlMethodMarker() {
        return "module_method:" + methodName;
    }
}
