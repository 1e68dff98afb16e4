package dev.loupe.backend.djl.torchscript;

import dev.loupe.core.stability.Internal;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * Lets a Java caller change one layer's output in a forward pass, as a PyTorch forward hook that
 * returns {@code output * factor} would (Ablation-CAM zeroes one channel per image this way).
 *
 * <p>The root class gets a method {@value #ENTRY_METHOD}{@code (factor, <forward's parameters>)}
 * returning forward's output, computed by copies of the methods on the way to the module (see
 * {@link MethodCopier}) in which the module's call {@code (m).forward(x)} becomes
 * {@code __torch__.loupe_scale.scale((m).forward(x), [factor])} = {@code torch.mul(output, factor)},
 * broadcast as torch.mul broadcasts. Call it from DJL as {@link TapRewriter}'s entry method is
 * called, with the factor before the inputs; the original forward is unchanged.
 *
 * <p>Refused with a {@link TapException}, besides what taps refuse: a module that runs more than
 * once per forward (a ReLU module that a torchvision BasicBlock uses twice), since a hook would
 * scale every call and an ablation means one.
 */
@Internal
public final class ScaleRewriter {

    /** The root method the rewritten archive gains. */
    public static final String ENTRY_METHOD = "loupe_scaled";

    static final String SCALE_QUALIFIER = "__torch__.loupe_scale";
    static final String SCALE_FUNCTION = SCALE_QUALIFIER + ".scale";
    static final String SCALE_FUNCTION_SOURCE = """
            def scale(value: Tensor,
                state: List[Tensor]) -> Tensor:
              return torch.mul(value, state[0])
            """;

    private final ModuleTree tree;

    /** @param tree the module tree of the archive to rewrite (e.g. {@link TapRewriter#moduleTree()}) */
    public ScaleRewriter(ModuleTree tree) {
        this.tree = tree;
    }

    /**
     * Writes the copy that scales the output of the module at {@code path} to {@code target}.
     *
     * @throws UnknownModulePathException for a path the model does not have
     * @throws TapException for a module that cannot be scaled (see the class comment)
     */
    public ScaledModel rewrite(String path, Path target) {
        TapPlan plan = plan(path);
        tree.program().archive().writeWithSources(target, plan.changedSources());
        return new ScaledModel(target, ENTRY_METHOD, path);
    }

    /** The edits {@link #rewrite} writes, without writing them. */
    TapPlan plan(String path) {
        TapPlanner.requireSubmodule(tree, path);
        Set<String> scaled = Set.of(path);
        MethodCopier copier = new MethodCopier(tree, "loupe_scale_", "scale|" + path, "loupe_state",
                StatementRewriter.editor(scaled, SCALE_FUNCTION));
        ScriptMethod forward = copier.rootForward(ENTRY_METHOD, "scaled forward passes");
        MethodVariant rootVariant = copier.variant(tree.root(), "forward");
        TapPlanner.requireCalled(rootVariant.events(), path);
        int calls = Collections.frequency(rootVariant.events(), path);
        if (calls > 1) {
            throw new TapException(runsMoreThanOnce(path, calls));
        }
        String entry = TapSources.scaledEntry(copier.rootClass(), forward, rootVariant, ENTRY_METHOD);
        Map<String, String> changed = TapSources.changedSources(tree.program().archive().sources(), copier.variants(),
                copier.rootClass(), entry, SCALE_QUALIFIER, SCALE_FUNCTION_SOURCE);
        return new TapPlan(changed, rootVariant.events());
    }

    private String runsMoreThanOnce(String path, int calls) {
        int dot = path.lastIndexOf('.');
        String instead = dot > 0
                ? "scale its parent block '" + path.substring(0, dot) + "' instead, or a module inside it that runs once"
                : "scale a module that runs once, such as the one that consumes its output";
        return "module '" + path + "' (" + tree.require(path).typeName() + ") runs " + calls + " times in one forward pass"
                + " (one module object used at several places, as torchvision's BasicBlock uses its relu twice), so"
                + " scaling its output would change all " + calls + " of them; " + instead;
    }
}
