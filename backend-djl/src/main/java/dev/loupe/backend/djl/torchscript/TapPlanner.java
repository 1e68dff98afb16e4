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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Computes the source edits for one set of taps. For every module instance on the way from the root
 * to a tapped module, each method that (directly or through callees) reaches a tapped call gets a
 * copy with an extra first parameter, the taps list; in the copy, calls of tapped modules are
 * wrapped in the tap function and calls that reach taps call the callee's copy. {@code forward}
 * itself is never changed, so instances that share a class (scripted models) are unaffected.
 */
final class TapPlanner {

    static final String TAP_QUALIFIER = "__torch__.loupe_tap";
    static final String TAP_FUNCTION = TAP_QUALIFIER + ".tap";

    /**
     * The leaf is a copy (clone) so that no in-place op on an alias of the activation can change it
     * after the tap; the network continues from {@code value + (leaf - detach(value))}, a fresh tensor
     * equal to value whose gradient reaches both the leaf and value's producers.
     */
    static final String TAP_FUNCTION_SOURCE = """
            def tap(value: Tensor,
                taps: List[Tensor]) -> Tensor:
              leaf = torch.detach(value).clone().requires_grad_(True)
              taps.append(leaf)
              return torch.add(value, torch.sub(leaf, torch.detach(value)))
            """;

    private static final Pattern MODULE_CALL_METHOD = Pattern.compile("forward\\d*");
    private static final Set<String> CONTROL_STATEMENTS =
            Set.of("if", "elif", "else", "for", "while", "with", "try", "except", "finally");
    private static final Set<String> CONDITIONAL_WORDS = Set.of("if", "else", "for", "and", "or", "lambda");

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
        return new TapPlan(changedSources(rootClass, forward, rootVariant), rootVariant.events());
    }

    /** The tapped copy of {@code methodName} on {@code instance}, or {@code null} if its class lacks the method. */
    private MethodVariant variant(ModuleNode instance, String methodName) {
        String key = instance.path() + "#" + methodName;
        MethodVariant known = variants.get(key);
        if (known != null) {
            return known;
        }
        if (!inProgress.add(key)) {
            throw new TorchScriptFormatException("method " + methodName + " of module '" + instance.path()
                    + "' calls itself; TorchScript does not allow recursion, so the source is not what torch.jit.save prints");
        }
        ScriptClass owner = tree.classOf(instance);
        ScriptMethod method = owner.method(methodName).orElse(null);
        if (method == null) {
            inProgress.remove(key);
            return null;
        }
        Map<String, ModuleNode> moduleVariables = moduleVariables(instance, owner, method);
        String tapsVariable = freshName("loupe_taps", method);
        List<String> body = new ArrayList<>();
        List<String> events = new ArrayList<>();
        for (LogicalLine line : method.body()) {
            StatementRewriter rewriter = new StatementRewriter(line.text(), instance, moduleVariables, tapsVariable);
            body.add(rewriter.rewrite());
            if (!rewriter.events.isEmpty()) {
                requireUnconditional(line, method, owner, rewriter.events);
                events.addAll(rewriter.events);
            }
        }
        String name = "loupe_" + tag(instance.path()) + "_" + methodName;
        if (owner.method(name).isPresent()) {
            throw new TapException("class " + owner.qualifiedName() + " already has a method " + name
                    + ": the archive is the output of an earlier rewrite; rewrite the original model file instead");
        }
        MethodVariant variant = new MethodVariant(instance, owner, method, name, tapsVariable, body, events);
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

    /** A tap inside a branch or loop would make the number of leaves depend on the input. */
    private static void requireUnconditional(LogicalLine line, ScriptMethod method, ScriptClass owner, List<String> events) {
        List<Token> tokens = line.tokens();
        boolean nested = line.indent() > method.bodyIndent();
        boolean control = CONTROL_STATEMENTS.contains(tokens.get(0).text())
                || tokens.stream().anyMatch(t -> t.isName() && CONDITIONAL_WORDS.contains(t.text()));
        if (nested || control) {
            throw new TapException("the call of module '" + events.get(0) + "' in " + owner.qualifiedName() + "."
                    + method.name() + " sits inside a branch or loop ('" + line.text().strip() + "'), so how often it "
                    + "runs depends on the input; tap a module that runs unconditionally (e.g. its parent)");
        }
    }

    private static String freshName(String base, ScriptMethod method) {
        Set<String> used = new HashSet<>();
        method.params().forEach(p -> ScriptTokenizer.tokenize(p.text()).forEach(t -> used.add(t.text())));
        method.body().forEach(l -> l.tokens().forEach(t -> used.add(t.text())));
        String name = base;
        for (int k = 1; used.contains(name); k++) {
            name = base + "_" + k;
        }
        return name;
    }

    private String tag(String instancePath) {
        CRC32 crc = new CRC32();
        crc.update((tapSetKey + "|" + instancePath).getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    private Map<String, String> changedSources(ScriptClass rootClass, ScriptMethod forward, MethodVariant rootVariant) {
        Map<ScriptClass, List<String>> additions = new LinkedHashMap<>();
        for (MethodVariant v : variants.values()) {
            if (v.needed()) {
                additions.computeIfAbsent(v.owner(), c -> new ArrayList<>()).add(variantSource(v));
            }
        }
        additions.computeIfAbsent(rootClass, c -> new ArrayList<>()).add(entrySource(rootClass, forward, rootVariant));

        Map<String, TreeMap<Integer, List<String>>> insertionsByFile = new LinkedHashMap<>();
        additions.forEach((cls, methods) -> insertionsByFile
                .computeIfAbsent(cls.qualifier(), q -> new TreeMap<>())
                .computeIfAbsent(cls.endLine(), l -> new ArrayList<>())
                .addAll(methods));
        Map<String, String> changed = new LinkedHashMap<>();
        Map<String, String> sources = tree.program().archive().sources();
        insertionsByFile.forEach((qualifier, insertions) -> changed.put(qualifier, insert(sources.get(qualifier), insertions)));
        changed.put(TAP_QUALIFIER, TAP_FUNCTION_SOURCE);
        return changed;
    }

    private static String insert(String source, TreeMap<Integer, List<String>> insertions) {
        List<String> lines = new ArrayList<>(List.of(source.split("\n", -1)));
        for (Map.Entry<Integer, List<String>> at : insertions.descendingMap().entrySet()) {
            lines.addAll(at.getKey(), at.getValue());
        }
        return String.join("\n", lines);
    }

    private static String variantSource(MethodVariant v) {
        String member = " ".repeat(v.owner().memberIndent());
        String continuation = " ".repeat(v.owner().memberIndent() + 2);
        StringBuilder s = new StringBuilder();
        s.append(member).append("def ").append(v.name()).append("(self: ").append(v.owner().qualifiedName()).append(",\n")
                .append(continuation).append(v.tapsVariable()).append(": List[Tensor]");
        for (ScriptMethod.Param p : v.original().params()) {
            s.append(",\n").append(continuation).append(p.text());
        }
        s.append(") -> ").append(v.original().returnType()).append(":\n");
        s.append(String.join("\n", v.body()));
        return s.toString();
    }

    private static String entrySource(ScriptClass rootClass, ScriptMethod forward, MethodVariant rootVariant) {
        String member = " ".repeat(rootClass.memberIndent());
        String continuation = " ".repeat(rootClass.memberIndent() + 2);
        String body = " ".repeat(forward.bodyIndent());
        String taps = rootVariant.tapsVariable();
        String output = freshName("loupe_output", forward);
        StringBuilder s = new StringBuilder();
        s.append(member).append("def ").append(TapRewriter.ENTRY_METHOD).append("(self: ").append(rootClass.qualifiedName());
        StringBuilder arguments = new StringBuilder(taps);
        for (ScriptMethod.Param p : forward.params()) {
            s.append(",\n").append(continuation).append(p.text());
            arguments.append(", ").append(p.name());
        }
        s.append(") -> List[Tensor]:\n");
        s.append(body).append(taps).append(" = annotate(List[Tensor], [])\n");
        s.append(body).append(output).append(" = (self).").append(rootVariant.name()).append('(').append(arguments).append(")\n");
        s.append(body).append("return [").append(output).append("] + ").append(taps);
        return s.toString();
    }

    /** Rewrites one statement of a method copy, recording the taps it appends in evaluation order. */
    private final class StatementRewriter {
        private final String text;
        private final List<Token> tokens;
        private final ModuleNode instance;
        private final Map<String, ModuleNode> moduleVariables;
        private final String tapsVariable;
        private final StringBuilder out = new StringBuilder();
        private final List<String> events = new ArrayList<>();
        private int copied;

        StatementRewriter(String text, ModuleNode instance, Map<String, ModuleNode> moduleVariables, String tapsVariable) {
            this.text = text;
            this.tokens = ScriptTokenizer.tokenize(text);
            this.instance = instance;
            this.moduleVariables = moduleVariables;
            this.tapsVariable = tapsVariable;
        }

        String rewrite() {
            rewrite(0, tokens.size());
            copyTo(text.length());
            return out.toString();
        }

        private void rewrite(int from, int to) {
            int i = from;
            while (i < to) {
                CallSite call = CallSite.at(tokens, i, instance, moduleVariables);
                i = call != null && rewriteCall(call) ? call.argsClose() + 1 : i + 1;
            }
        }

        /** Arguments run first, then the callee (its own taps), then the tap of the call's result. */
        private boolean rewriteCall(CallSite call) {
            String method = call.method(tokens);
            ModuleNode receiver = call.receiver();
            boolean tapHere = !call.onSelf() && tapped.contains(receiver.path()) && MODULE_CALL_METHOD.matcher(method).matches();
            MethodVariant callee = variant(receiver, method);
            boolean onPath = callee != null && callee.needed();
            if (tapHere) {
                requireTensorOutput(receiver, method, callee);
            }
            if (!tapHere && !onPath) {
                return false;
            }
            copyTo(tokens.get(call.start()).start());
            if (tapHere) {
                out.append(TAP_FUNCTION).append('(');
            }
            copyTo(tokens.get(call.methodToken()).start());
            out.append(onPath ? callee.name() : method);
            copied = tokens.get(call.methodToken()).end();
            copyTo(tokens.get(call.argsOpen()).end());
            if (onPath) {
                out.append(tapsVariable).append(", ");
            }
            rewrite(call.argsOpen() + 1, call.argsClose());
            copyTo(tokens.get(call.argsClose()).end());
            if (onPath) {
                events.addAll(callee.events());
            }
            if (tapHere) {
                out.append(", ").append(tapsVariable).append(')');
                events.add(receiver.path());
            }
            return true;
        }

        private void requireTensorOutput(ModuleNode receiver, String method, MethodVariant callee) {
            if (callee == null) {
                throw new TorchScriptFormatException("module '" + receiver.path() + "' is called through " + method
                        + " but its class " + receiver.className() + " defines no such method");
            }
            if (!callee.original().returnsTensor()) {
                throw new TapException("module '" + receiver.path() + "' (" + receiver.typeName() + ") returns "
                        + callee.original().returnType() + " from " + method + ", not one Tensor; only modules whose "
                        + "output is a single Tensor can be tapped (tap a submodule or the module that consumes it)");
            }
        }

        private void copyTo(int end) {
            if (end > copied) {
                out.append(text, copied, end);
                copied = end;
            }
        }
    }
}
