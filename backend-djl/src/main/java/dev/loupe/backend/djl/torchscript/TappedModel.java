package dev.loupe.backend.djl.torchscript;

import dev.loupe.core.stability.Internal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A rewritten TorchScript archive and how to read what its entry method returns.
 *
 * <p>Calling {@link #methodName()} with the forward's inputs returns a list of
 * {@code 1 + leafPaths().size()} tensors: element 0 is the model output (what forward returns),
 * element {@code i + 1} is a leaf holding the output of module {@code leafPaths().get(i)}. Leaves
 * come in execution order, so a module that runs twice (a ReLU reused in a ResNet block) has two
 * leaves, first call first. A leaf is a copy of the activation with {@code requires_grad=True};
 * the network continues from a value that equals the activation exactly and passes gradients both
 * to the leaf and upstream, so after a backward each leaf's gradient is d(score)/d(activation) and
 * the input gradient is unchanged.
 *
 * @param file the rewritten archive
 * @param methodName the root module's method to call ({@value TapRewriter#ENTRY_METHOD})
 * @param leafPaths module path of each leaf, in the order the leaves follow the model output
 */
@Internal
public record TappedModel(Path file, String methodName, List<String> leafPaths) {

    public TappedModel {
        leafPaths = List.copyOf(leafPaths);
    }

    /** Positions in the returned list (1-based, 0 is the model output) of the leaves of {@code path}, in call order. */
    public List<Integer> outputIndices(String path) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < leafPaths.size(); i++) {
            if (leafPaths.get(i).equals(path)) {
                indices.add(i + 1);
            }
        }
        return indices;
    }

    /**
     * The name to give the first NDList element so that DJL's IValueUtils.forward runs the entry
     * method instead of forward ({@code module_method:loupe_tapped}); that element is not passed on.
     */
    public String djlMethodMarker() {
        return "module_method:" + methodName;
    }

    /** How many tensors the entry method returns. */
    public int outputCount() {
        return 1 + leafPaths.size();
    }
}
