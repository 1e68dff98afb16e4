package dev.loupe.backend.djl.torchscript;

import dev.loupe.core.stability.Internal;
import java.nio.file.Path;

/**
 * Cuts a TorchScript model's graph at every ReLU, so that a Java caller can back-propagate one
 * segment at a time and choose the backward rule at each ReLU (guided backprop, deconvnet), which
 * libtorch does not let it change inside a TorchScript module.
 *
 * <p>The root class gets a method {@value #ENTRY_METHOD} with forward's parameters that returns
 * {@code List[Tensor]} = {@code [output, s_1, leaf_1, s_2, leaf_2, ...]} in execution order (see
 * {@link ReluCutModel}). In it every ReLU application the forward executes is replaced by a cut:
 * {@code s} = the ReLU input; {@code o = torch.relu(s)} (never in place, even where the model used
 * {@code relu_} or {@code inplace=True}); {@code leaf = torch.detach(o).requires_grad_(True)};
 * {@code s} and {@code leaf} are appended to the list; the network continues with
 * {@code torch.clone(leaf)}, so later in-place ops never touch a leaf. The original forward is
 * unchanged. Call it from DJL as {@link TapRewriter}'s entry method is called.
 *
 * <p><b>What counts as a ReLU</b>: a call, in the source the forward executes (its module calls and
 * helper methods followed as the tap rewriter follows them), of {@code torch.relu},
 * {@code torch.relu_}, {@code __torch__.torch.nn.functional.relu} / {@code relu_} (scripted models
 * bundle functional.py; also through a local the printer bound it to, {@code _0 =
 * __torch__.torch.nn.functional.relu}), {@code torch.nn.functional.relu} and {@code F.relu}. An
 * {@code nn.ReLU} module counts through its forward, which calls one of these (traced:
 * {@code torch.relu_}; scripted: functional.relu); a module called twice gives two cuts. Not
 * ReLUs: {@code nn.ReLU6} / {@code hardtanh}, {@code LeakyReLU} / {@code leaky_relu}, {@code GELU},
 * {@code SiLU}, {@code clamp(min=0)}, {@code threshold}; their backward stays autograd's.
 *
 * <p>Refused with a {@link TapException}: a ReLU inside a loop, in only some branches of an if, or
 * in a conditional expression (the number of cuts would depend on the input or settings); a ReLU
 * inside a free function other than functional.relu; a forward that applies no ReLU or does not
 * return one Tensor; an archive this class already rewrote. Known limit: source that reads the
 * input variable of an in-place {@code relu_} again after the call (expecting it rectified) would
 * see the unrectified value; printed torchvision models never do.
 */
@Internal
public final class ReluCutRewriter {

    /** The root method the rewritten archive gains. */
    public static final String ENTRY_METHOD = "loupe_relu_cut";

    private final TorchScriptArchive archive;
    private final ModuleTree tree;

    public ReluCutRewriter(TorchScriptArchive archive) {
        this.archive = archive;
        this.tree = ModuleTree.of(new ScriptProgram(archive));
    }

    /**
     * Writes the cut copy of the archive to {@code target}.
     *
     * @throws TapException when the ReLUs cannot be cut (see the class comment)
     */
    public ReluCutModel rewrite(Path target) {
        TapPlan plan = plan();
        archive.writeWithSources(target, plan.changedSources());
        return new ReluCutModel(target, ENTRY_METHOD, plan.leafPaths());
    }

    /** Where each cut is, in execution order, without writing anything. Throws what rewrite throws. */
    public java.util.List<String> cutLabels() {
        return plan().leafPaths();
    }

    TapPlan plan() {
        return new ReluCutPlanner(tree).plan();
    }
}
