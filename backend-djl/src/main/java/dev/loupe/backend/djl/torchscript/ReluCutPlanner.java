package dev.loupe.backend.djl.torchscript;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Plans the source edits of a ReLU cut (see {@link ReluCutRewriter}): every method that (directly
 * or through callees) applies a ReLU gets, per module instance, a copy with the cuts list as an
 * extra first parameter, in which each ReLU application is replaced by a call of the cut function.
 * Module calls are followed as {@link TapPlanner} follows them; forward itself is never changed.
 */
final class ReluCutPlanner {

    static final String CUT_QUALIFIER = "__torch__.loupe_relu_cut";
    static final String CUT_FUNCTION = CUT_QUALIFIER + ".cut";

    /**
     * s is the ReLU input; the ReLU is computed out of place, its output made a detached leaf,
     * and the network continues from a clone of the leaf, so that an in-place op further on (the
     * traced {@code torch.add_} of a residual block) never modifies the leaf.
     */
    static final String CUT_FUNCTION_SOURCE = """
            def cut(s: Tensor,
                cuts: List[Tensor]) -> Tensor:
              leaf = torch.detach(torch.relu(s)).requires_grad_(True)
              cuts.append(s)
              cuts.append(leaf)
              return torch.clone(leaf)
            """;

    /** The functions whose call is a ReLU application, as dotted names. */
    static final List<List<String>> RELU_FUNCTIONS = List.of(
            List.of("torch", "relu"),
            List.of("torch", "relu_"),
            List.of("__torch__", "torch", "nn", "functional", "relu"),
            List.of("__torch__", "torch", "nn", "functional", "relu_"),
            List.of("torch", "nn", "functional", "relu"),
            List.of("torch", "nn", "functional", "relu_"),
            List.of("F", "relu"),
            List.of("F", "relu_"));

    private static final String FUNCTIONAL = "__torch__.torch.nn.functional";

    private final ModuleTree tree;

    ReluCutPlanner(ModuleTree tree) {
        this.tree = tree;
    }

    TapPlan plan() {
        MethodCopier copier = new MethodCopier(tree, "loupe_cut_", "relu-cut", "loupe_cuts", ReluCutPlanner::edit);
        ScriptMethod forward = copier.rootForward(ReluCutRewriter.ENTRY_METHOD, "ReLU cuts");
        refuseReluInFreeFunctions();
        MethodVariant rootVariant;
        try {
            rootVariant = copier.variant(tree.root(), "forward");
        } catch (TapException e) {
            throw new TapException("cannot cut every ReLU, the number of ReLU applications would not be fixed: "
                    + e.getMessage());
        }
        if (!rootVariant.needed()) {
            throw new TapException("the model's forward applies no ReLU (nn.ReLU, torch.relu, torch.relu_ or "
                    + "torch.nn.functional.relu), so there is nothing for a ReLU backward rule to change");
        }
        String entry = TapSources.listEntry(copier.rootClass(), forward, rootVariant, ReluCutRewriter.ENTRY_METHOD);
        Map<String, String> changed = TapSources.changedSources(tree.program().archive().sources(), copier.variants(),
                copier.rootClass(), entry, CUT_QUALIFIER, CUT_FUNCTION_SOURCE);
        return new TapPlan(changed, rootVariant.events());
    }

    private static Function<String, MethodCopier.Edit> edit(MethodCopier copier, MethodCopier.Site site) {
        Set<String> aliases = reluAliases(site.method());
        String label = "ReLU in " + (site.instance().path().isEmpty() ? "the root module" : "'" + site.instance().path() + "'")
                + " (" + site.method().name() + ")";
        return text -> {
            Statement statement = new Statement(copier, text, site, aliases, label);
            return new MethodCopier.Edit(statement.rewrite(), statement.events);
        };
    }

    /** A ReLU inside a free function (other than functional.relu itself) could not be cut: refuse such archives. */
    private void refuseReluInFreeFunctions() {
        tree.program().archive().sources().forEach((qualifier, source) -> {
            String function = null;
            for (LogicalLine line : ScriptSourceParser.logicalLines(source)) {
                List<Token> t = line.tokens();
                if (t.isEmpty()) {
                    continue;
                }
                if (line.indent() == 0) {
                    function = t.get(0).is("def") && t.size() > 1 ? t.get(1).text() : null;
                    continue;
                }
                if (function == null || qualifier.equals(FUNCTIONAL) && (function.equals("relu") || function.equals("relu_"))) {
                    continue;
                }
                for (int i = 0; i < t.size(); i++) {
                    if (reluNameEnd(t, i, Set.of()) >= 0) {
                        throw new TapException("the function " + qualifier + "." + function + " applies a ReLU ('"
                                + line.text().strip() + "'); ReLUs inside free functions other than "
                                + "torch.nn.functional.relu cannot be cut, so ReLU backward rules are not available");
                    }
                }
            }
        });
    }

    /** Locals the printer bound to a ReLU function: {@code _0 = __torch__.torch.nn.functional.relu}. */
    private static Set<String> reluAliases(ScriptMethod method) {
        Set<String> aliases = new HashSet<>();
        for (LogicalLine line : method.body()) {
            List<Token> t = line.tokens();
            if (t.size() > 3 && t.get(0).isName() && t.get(1).is("=")) {
                List<String> dotted = dotted(t, 2, t.size());
                if (dotted != null && RELU_FUNCTIONS.contains(dotted)) {
                    aliases.add(t.get(0).text());
                }
            }
        }
        return aliases;
    }

    /** {@code a.b.c} over tokens [from, to) as names, or null. */
    private static List<String> dotted(List<Token> t, int from, int to) {
        List<String> names = new ArrayList<>();
        for (int i = from; i < to; i++) {
            boolean nameSlot = (i - from) % 2 == 0;
            if (nameSlot ? !t.get(i).isName() : !t.get(i).is(".")) {
                return null;
            }
            if (nameSlot) {
                names.add(t.get(i).text());
            }
        }
        return (to - from) % 2 == 1 ? names : null;
    }

    /**
     * If the tokens at {@code i} name a ReLU function (or an alias of one) and are followed by an
     * opening bracket, the index of that bracket; else -1. A name after a dot ({@code x.torch.relu})
     * does not count.
     */
    static int reluNameEnd(List<Token> t, int i, Set<String> aliases) {
        if (i > 0 && t.get(i - 1).is(".") || !t.get(i).isName()) {
            return -1;
        }
        if (aliases.contains(t.get(i).text()) && i + 1 < t.size() && t.get(i + 1).is("(")) {
            return i + 1;
        }
        for (List<String> name : RELU_FUNCTIONS) {
            int end = i + 2 * name.size() - 1;
            if (end < t.size() && t.get(end).is("(") && name.equals(dotted(t, i, end))) {
                return end;
            }
        }
        return -1;
    }

    /**
     * One statement of a cut copy: {@code torch.relu_(x)} becomes {@code __torch__.loupe_relu_cut.cut(x, cuts)}
     * (further arguments, such as functional.relu's inplace flag, are dropped: the cut never works in
     * place); a module call whose callee applies ReLUs calls the callee's copy with the cuts list.
     */
    private static final class Statement {

        private final MethodCopier copier;
        private final String text;
        private final List<Token> tokens;
        private final ModuleNode instance;
        private final Map<String, ModuleNode> moduleVariables;
        private final Set<String> aliases;
        private final String cutsVariable;
        private final String label;
        private final StringBuilder out = new StringBuilder();
        final List<String> events = new ArrayList<>();
        private int copied;

        Statement(MethodCopier copier, String text, MethodCopier.Site site, Set<String> aliases, String label) {
            this.copier = copier;
            this.text = text;
            this.tokens = ScriptTokenizer.tokenize(text);
            this.instance = site.instance();
            this.moduleVariables = site.moduleVariables();
            this.aliases = aliases;
            this.cutsVariable = site.listVariable();
            this.label = label;
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
                if (call != null && rewriteCall(call)) {
                    i = call.argsClose() + 1;
                    continue;
                }
                int open = reluNameEnd(tokens, i, aliases);
                if (open >= 0) {
                    i = rewriteRelu(i, open) + 1;
                    continue;
                }
                i++;
            }
        }

        private boolean rewriteCall(CallSite call) {
            MethodVariant callee = copier.variant(call.receiver(), call.method(tokens));
            if (callee == null || !callee.needed()) {
                return false;
            }
            copyTo(tokens.get(call.methodToken()).start());
            out.append(callee.name());
            copied = tokens.get(call.methodToken()).end();
            copyTo(tokens.get(call.argsOpen()).end());
            out.append(cutsVariable).append(", ");
            rewrite(call.argsOpen() + 1, call.argsClose());
            copyTo(tokens.get(call.argsClose()).end());
            events.addAll(callee.events());
            return true;
        }

        /** Returns the index of the call's closing bracket. */
        private int rewriteRelu(int start, int open) {
            int close = ScriptSourceParser.matchingClose(tokens, open);
            int argStart = open + 1;
            if (argStart + 1 < close && tokens.get(argStart).isName() && tokens.get(argStart + 1).is("=")) {
                argStart += 2; // input=x
            }
            int argEnd = argStart;
            int depth = 0;
            while (argEnd < close) {
                Token t = tokens.get(argEnd);
                if (t.is("(") || t.is("[") || t.is("{")) {
                    depth++;
                } else if (t.is(")") || t.is("]") || t.is("}")) {
                    depth--;
                } else if (depth == 0 && t.is(",")) {
                    break;
                }
                argEnd++;
            }
            if (argEnd == argStart) {
                throw new TorchScriptFormatException("a ReLU call without an input: '" + text.strip() + "'");
            }
            copyTo(tokens.get(start).start());
            out.append(CUT_FUNCTION).append('(');
            copied = tokens.get(argStart).start();
            rewrite(argStart, argEnd);
            copyTo(tokens.get(argEnd - 1).end());
            out.append(", ").append(cutsVariable).append(')');
            copied = tokens.get(close).end();
            events.add(label);
            return close;
        }

        private void copyTo(int end) {
            if (end > copied) {
                out.append(text, copied, end);
                copied = end;
            }
        }
    }
}
