package dev.loupe.backend.djl.torchscript;

import java.nio.file.Path;
import java.util.Collection;

/**
 * Adds layer taps to a TorchScript archive by rewriting its code/ source, so that a Java caller
 * gets layer activations, their gradients and the input gradient from one forward and backward.
 *
 * <p>The root class gets a method {@value #ENTRY_METHOD} with forward's parameters that returns
 * {@code List[Tensor]}: the model output, then one leaf per call of each tapped module (see
 * {@link TappedModel}). From DJL, call it through an NDList whose first element is named
 * {@code "module_method:" + ENTRY_METHOD}, followed by the inputs, with
 * {@code IValueUtils.forward(block, inputs, true)}. The original forward is unchanged.
 *
 * <p>Handled: traced and scripted models as torch.jit.save prints them (submodule calls of the form
 * {@code (m).forward(...)} / {@code forward1} with {@code m = self.x} or {@code getattr(self, "0")},
 * nested calls, helper methods such as {@code (self)._forward_impl(x)}, modules called more than once,
 * classes shared by several instances). Refused with a {@link TapException}: modules whose called
 * method does not return one Tensor, modules called inside a branch or loop (their leaf count would
 * depend on the input), modules forward never calls, and models whose forward does not return one Tensor.
 */
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

    /** The edits {@link #rewrite} writes, without writing them. */
    TapPlan plan(Collection<String> paths) {
        return new TapPlanner(tree, paths).plan();
    }
}
