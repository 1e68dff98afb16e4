package dev.loupe.backend.djl.torchscript;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * The tree walk every rewrite shares (taps, ReLU cuts, layer scaling): for a module instance and
 * a method name, a copy of the method with an extra first parameter, a {@code List[Tensor]}, whose
 * statements a {@link StatementEditor} rewrote. The editor follows module calls through
 * {@link #variant}, so a copy exists for each method that directly or through its callees reaches
 * an edit. Copies are per instance (scripted models share one class between instances) and
 * {@code forward} itself is never changed.
 */
final class MethodCopier {

    /** Rewrites the statements of copies; module calls they make are followed with {@code copier.variant}. */
    interface StatementEditor {
        /** The rewriter of one method copy's statements, asked once per copy before its first statement. */
        Function<String, Edit> forMethod(MethodCopier copier, Site site);
    }

    /**
     * The method being copied: on {@code instance}, with {@code moduleVariables} the locals bound to
     * submodules ({@code conv1 = self.conv1}) and {@code listVariable} the added list parameter.
     */
    record Site(ModuleNode instance, ScriptMethod method, Map<String, ModuleNode> moduleVariables, String listVariable) {
    }

    /** A rewritten statement and what it records, in execution order (tapped paths, ReLU labels). */
    record Edit(String text, List<String> events) {
    }

    private final ModuleTree tree;
    private final String namePrefix;
    private final String tagSeed;
    private final String listBase;
    private final StatementEditor editor;
    private final Map<String, MethodVariant> variants = new LinkedHashMap<>();
    private final Set<String> inProgress = new HashSet<>();

    /**
     * @param namePrefix copies are named {@code namePrefix + tag + "_" + method}
     * @param tagSeed what else the tag depends on besides the instance path (the rewrite's settings)
     * @param listBase the list parameter's name, made unique within each method
     */
    MethodCopier(ModuleTree tree, String namePrefix, String tagSeed, String listBase, StatementEditor editor) {
        this.tree = tree;
        this.namePrefix = namePrefix;
        this.tagSeed = tagSeed;
        this.listBase = listBase;
        this.editor = editor;
    }

    /**
     * The root's forward, checked to return one Tensor and the archive to lack {@code entryMethod}.
     *
     * @param purpose what needs it, for the message ("taps")
     */
    ScriptMethod rootForward(String entryMethod, String purpose) {
        ScriptClass rootClass = tree.classOf(tree.root());
        ScriptMethod forward = rootClass.method("forward").orElseThrow(() -> new TorchScriptFormatException(
                "the root class " + rootClass.qualifiedName() + " has no forward method"));
        if (!forward.returnsTensor()) {
            throw new TapException("the model's forward returns " + forward.returnType() + ", not one Tensor; "
                    + purpose + " need a model whose forward returns its logits as one Tensor");
        }
        if (rootClass.method(entryMethod).isPresent()) {
            throw new TapException("the archive already has a " + entryMethod
                    + " method: it is the output of an earlier rewrite; rewrite the original model file instead");
        }
        return forward;
    }

    ScriptClass rootClass() {
        return tree.classOf(tree.root());
    }

    /** Every copy made so far, needed or not. */
    Collection<MethodVariant> variants() {
        return variants.values();
    }

    /** The copy of {@code methodName} on {@code instance}, or {@code null} if its class lacks the method. */
    MethodVariant variant(ModuleNode instance, String methodName) {
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
        String listVariable = method.freshName(listBase);
        Function<String, Edit> statements =
                editor.forMethod(this, new Site(instance, method, moduleVariables(instance, owner, method), listVariable));
        List<String> body = new ArrayList<>();
        List<List<String>> lineEvents = new ArrayList<>();
        for (LogicalLine line : method.body()) {
            Edit edit = statements.apply(line.text());
            body.add(edit.text());
            lineEvents.add(edit.events());
        }
        List<String> events = ControlFlowEvents.of(owner, method, lineEvents);
        String name = namePrefix + tag(instance.path()) + "_" + methodName;
        if (owner.method(name).isPresent()) {
            throw new TapException("class " + owner.qualifiedName() + " already has a method " + name
                    + ": the archive is the output of an earlier rewrite; rewrite the original model file instead");
        }
        MethodVariant variant = new MethodVariant(owner, method, name, listVariable, body, events);
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

    /** Copies are named per rewrite and instance: several instances may share one class. */
    private String tag(String instancePath) {
        CRC32 crc = new CRC32();
        crc.update((tagSeed + "|" + instancePath).getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }
}
