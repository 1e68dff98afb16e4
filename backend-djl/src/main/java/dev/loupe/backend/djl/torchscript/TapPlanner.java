package dev.loupe.backend.djl.torchscript;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans the source edits for one set of taps: every method on the way from the root to a tapped
 * module gets a per-instance copy that takes the taps list (see {@link MethodCopier}), and each
 * call of a tapped module is wrapped in the tap function (see {@link StatementRewriter}).
 */
final class TapPlanner {

    private final ModuleTree tree;
    private final Set<String> tapped;
    private final String tapSetKey;

    TapPlanner(ModuleTree tree, Collection<String> paths) {
        if (paths.isEmpty()) {
            throw new TapException("no module paths to tap; name at least one layer, e.g. 'layer4'");
        }
        this.tree = tree;
        this.tapped = new LinkedHashSet<>();
        for (String path : paths) {
            tapped.add(requireSubmodule(tree, path));
        }
        this.tapSetKey = String.join(",", new TreeSet<>(tapped));
    }

    TapPlan plan() {
        MethodCopier copier = new MethodCopier(tree, "loupe_", tapSetKey, "loupe_taps",
                StatementRewriter.editor(tapped, TapSources.TAP_FUNCTION));
        ScriptMethod forward = copier.rootForward(TapRewriter.ENTRY_METHOD, "taps");
        MethodVariant rootVariant = copier.variant(tree.root(), "forward");
        for (String path : tapped) {
            requireCalled(rootVariant.events(), path);
        }
        String entry = TapSources.listEntry(copier.rootClass(), forward, rootVariant, TapRewriter.ENTRY_METHOD);
        Map<String, String> changed = TapSources.changedSources(tree.program().archive().sources(), copier.variants(),
                copier.rootClass(), entry, TapSources.TAP_QUALIFIER, TapSources.TAP_FUNCTION_SOURCE);
        return new TapPlan(changed, rootVariant.events());
    }

    /** {@code path}, checked to name a submodule (the root is refused: the entry method returns its output anyway). */
    static String requireSubmodule(ModuleTree tree, String path) {
        if (path.isEmpty()) {
            throw new TapException("the empty path is the root module, whose output the entry method always "
                    + "returns first; name a submodule instead");
        }
        tree.require(path);
        return path;
    }

    /** @param events the modules the forward calls, one entry per call */
    static void requireCalled(List<String> events, String path) {
        if (!events.contains(path)) {
            throw new TapException("module '" + path + "' is never called when the model's forward runs (an unused "
                    + "submodule, or one only its parent's other methods use), so it has no output to tap");
        }
    }
}
