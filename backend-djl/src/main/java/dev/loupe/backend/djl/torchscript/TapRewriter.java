package dev.loupe.backend.djl.torchscript;

import dev.loupe.core.stability.Internal;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Adds layer taps to a TorchScript archive by rewriting its code/ source, so that a Java caller
 * gets layer activations, their gradients and the input gradient from one forward and backward.
 *
 * <p>The root class gets a method {@value #ENTRY_METHOD} with forward's parameters that returns
 * {@code List[Tensor]}: the model output, then one leaf per call of each tapped module, in execution
 * order (see {@link TappedModel}). From DJL, call it through an NDList whose first element is named
 * {@link TappedModel#djlMethodMarker()}, followed by the inputs, with
 * {@code IValueUtils.forward(block, inputs, true)} inside a GradientCollector (model loaded with
 * {@code trainParam=true}, parameters frozen); with {@code false} it runs without autograd and the
 * leaves are plain activations. The original forward is unchanged.
 *
 * <p>Handled: traced and scripted models as torch.jit.save prints them: submodule calls
 * {@code (m).forward(...)}, {@code forward1, forward2, ...} (a traced module's later calls) and
 * {@code forward__0, ...} (scripted overloads), with {@code m = self.x} or {@code getattr(self, "0")};
 * nested calls; helper methods such as {@code (self)._forward_impl(x)}; modules called more than once;
 * classes shared by several instances; calls inside an if/else when every branch that does not raise
 * makes the same tapped calls. Refused with a {@link TapException}: modules whose called method does
 * not return one Tensor (traced identity modules return nothing), modules called in a loop, in only
 * some branches or in a conditional expression (their leaf count would not be fixed), modules
 * forward never calls, models whose forward does not return one Tensor, and archives this class
 * already rewrote.
 */
@Internal
public final class TapRewriter {

    /** The root method the rewritten archive gains. */
    public static final String ENTRY_METHOD = "loupe_tapped";

    private final TorchScriptArchive archive;
    private final ModuleTree tree;

    public TapRewriter(TorchScriptArchive archive) {
        this.archive = archive;
        this.tree = ModuleTree.of(new ScriptProgram(archive));
    }

    /** The module tree the tap paths refer to. */
    public ModuleTree moduleTree() {
        return tree;
    }

    /**
     * Writes a copy of the archive to {@code target} with taps on the modules at {@code paths}
     * (named_modules() paths such as {@code layer4} or {@code features.28}).
     *
     * @throws UnknownModulePathException for a path the model does not have
     * @throws TapException for a module that cannot be tapped (see the class comment)
     */
    public TappedModel rewrite(Collection<String> paths, Path target) {
        TapPlan plan = plan(paths);
        archive.writeWithSources(target, plan.changedSources());
        return new TappedModel(target, ENTRY_METHOD, plan.leafPaths());
    }

    /**
     * What {@link #rewrite} would return as {@link TappedModel#leafPaths()}, without writing a file:
     * for checking layer names early. Throws what rewrite throws.
     */
    public List<String> leafPaths(Collection<String> paths) {
        return plan(paths).leafPaths();
    }

    /** The edits {@link #rewrite} writes, without writing them. */
    TapPlan plan(Collection<String> paths) {
        return new TapPlanner(tree, paths).plan();
    }
}
