package dev.loupe.backend.djl.torchscript;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * Plans the source edits for one set of taps. For every module instance on the way from the root
 * to a tapped module, each method that (directly or through callees) reaches a tapped call gets a
 * copy with an extra first parameter, the taps list (see {@link StatementRewriter}). {@code forward}
 * itself is never changed, so instances that share a class (scripted models) are unaffected, and
 * the copies are named per instance.
 */
final class TapPlanner {

    private final ModuleTree tree;
    private final Set<String> tapped;
    private final String tapSetKey;
    private final Map<String, MethodVariant> variants = new LinkedHashMap<>();
    private final Set<String> inProgress = new HashSet<>();

    TapPlanner(ModuleTree tree, Collection<String> paths) {
        if (paths.isEmpty()) {
            throw new TapException("no module paths to tap; name at least one layer, e.g. 'layer4'");
        }
        this.tree = tree;
        this.tapped = new LinkedHashSet<>();
        for (String path : paths) {
            if (path.isEmpty()) {
                throw new TapException("the empty path is the root module, whose output the entry method always "
                        + "returns first; name a submodule instead");
            }
            tree.require(path);
            tapped.add(path);
        }
        this.tapSetKey = String.join(",", new TreeSet<>(tapped));
    }

    TapPlan plan() {
        ModuleNode root = tree.root();
        ScriptClass rootClass = tree.classOf(root);
        ScriptMethod forward = rootClass.method("forward").orElseThrow(() -> new TorchScriptFormatException(
                "the root class " + rootClass.qualifiedName() + " has no forward method"));
        if (!forward.returnsTensor()) {
            throw new TapException("the model's forward returns " + forward.returnType() + ", not one Tensor; "
                    + "taps need a model whose forward returns its logits as one Tensor");
        }
        if (rootClass.method(TapRewriter.ENTRY_METHOD).isPresent()) {
            throw new TapException("the archive already has a " + TapRewriter.ENTRY_METHOD
                    + " method: it is the output of an earlier rewrite; rewrite the original model file instead");
        }
        MethodVariant rootVariant = variant(root, "forward");
        for (String path : tapped) {
            if (!rootVariant.events().contains(path)) {
                throw new TapException("module '" + path + "' is never called when the model's forward runs (an unused "
                        + "submodule, or one only its parent's other methods use), so it has no output to tap");
            }
        }
        Map<String, String> changed = TapSources.changedSources(tree.program().archive().sources(), variants.values(),
                rootClass, forward, rootVariant);
        return new TapPlan(changed, rootVariant.events());
    }

    /** The tapped copy of {@code methodName} on {@code instance}, or {@code null} if its class lacks the method. */
    private MethodVariant variant(ModuleNode instance, String methodName) {
        String key = instance.path() + "#" + methodName;
        MethodVariant known = variants.get(key);
        if (known != null) {
            return known;
        }
        ScriptClass owner = tree.classOf(instance);
        ScriptMethod method = owner.method(methodName).orElse(null);
        if (method == null) {
            return null;
        }
        if (!inProgress.add(key)) {
            throw new TorchScriptFormatException("method " + methodName + " of module '" + instance.path()
                    + "' calls itself; TorchScript does not allow recursion, so the source is not what torch.jit.save prints");
        }
        Map<String, ModuleNode> moduleVariables = moduleVariables(instance, owner, method);
        String tapsVariable = method.freshName("loupe_taps");
        List<String> body = new ArrayList<>();
        List<List<String>> lineEvents = new ArrayList<>();
        for (LogicalLine line : method.body()) {
            StatementRewriter rewriter =
                    new StatementRewriter(line.text(), instance, moduleVariables, tapsVariable, tapped, this::variant);
            body.add(rewriter.rewrite());
            lineEvents.add(rewriter.events());
        }
        List<String> events = ControlFlowEvents.of(owner, method, lineEvents);
        String name = "loupe_" + tag(instance.path()) + "_" + methodName;
        if (owner.method(name).isPresent()) {
            throw new TapException("class " + owner.qualifiedName() + " already has a method " + name
                    + ": the archive is the output of an earlier rewrite; rewrite the original model file instead");
        }
        MethodVariant variant = new MethodVariant(owner, method, name, tapsVariable, body, events);
        inProgress.remove(key);
        variants.put(key, variant);
        return variant;
    }

    /** Local variables bound to submodules: {@code conv1 = self.conv1}, {@code _0 = getattr(self, "0")}. */
    private static Map<String, ModuleNode> moduleVariables(ModuleNode instance, ScriptClass owner, ScriptMethod method) {
        Map<String, ModuleNode> variables = new HashMap<>();
        for (LogicalLine line : method.body()) {
            List<Token> t = line.tokens();
            String attribute = null;
            if (t.size() == 5 && t.get(0).isName() && t.get(1).is("=") && t.get(2).is("self") && t.get(3).is(".")
                    && t.get(4).isName()) {
                attribute = t.get(4).text();
            } else if (t.size() == 8 && t.get(0).isName() && t.get(1).is("=") && t.get(2).is("getattr") && t.get(3).is("(")
                    && t.get(4).is("self") && t.get(5).is(",") && t.get(6).kind() == Token.Kind.STRING && t.get(7).is(")")) {
                attribute = t.get(6).stringValue();
            }
            ModuleNode child = attribute == null ? null : CallSite.child(instance, attribute);
            if (child != null) {
                ModuleNode previous = variables.put(t.get(0).text(), child);
                if (previous != null && previous != child) {
                    throw new TorchScriptFormatException("in " + owner.qualifiedName() + "." + method.name() + " the variable "
                            + t.get(0).text() + " holds both submodule " + previous.name() + " and " + child.name()
                            + "; such source is not what torch.jit.save prints");
                }
            }
        }
        return variables;
    }

    /** Method copies are named per tap set and instance: several instances may share one class. */
    private String tag(String instancePath) {
        CRC32 crc = new CRC32();
        crc.update((tapSetKey + "|" + instancePath).getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }
}
