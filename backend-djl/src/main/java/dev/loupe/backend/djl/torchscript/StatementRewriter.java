package dev.loupe.backend.djl.torchscript;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Rewrites one statement of a method copy: a call of a wrapped module,
 * {@code (conv1).forward(x, )}, becomes {@code <wrap>((conv1).forward(x, ), list)}, e.g.
 * {@code __torch__.loupe_tap.tap(...)}; a call whose callee reaches a wrapped module,
 * {@code (layer4).forward(x, )}, calls the callee's copy and hands it the list,
 * {@code (layer4).loupe_…_forward(list, x, )}. Nothing is hoisted, so evaluation order stays as
 * printed; the wrapped calls are recorded in that order, one event (the module path) per call.
 */
final class StatementRewriter {

    /**
     * What a module call (one run of hooks in eager PyTorch) invokes: forward; forward1, forward2, ...
     * that tracing prints for a module's second, third, ... call; forward__0, forward__1, ... that
     * scripting prints for the overloads of a forward declared with @torch.jit._overload_method.
     */
    private static final Pattern MODULE_CALL_METHOD = Pattern.compile("forward(\\d+|__\\d+)?");

    private final String text;
    private final List<Token> tokens;
    private final ModuleNode instance;
    private final Map<String, ModuleNode> moduleVariables;
    private final String tapsVariable;
    private final Set<String> tapped;
    private final String wrapFunction;
    private final BiFunction<ModuleNode, String, MethodVariant> variants;
    private final StringBuilder out = new StringBuilder();
    private final List<String> events = new ArrayList<>();
    private int copied;

    /**
     * @param moduleVariables local variables bound to submodules of {@code instance}
     * @param tapped the module paths whose calls are wrapped
     * @param wrapFunction the qualified function that wraps them, called as {@code f(output, list)}
     * @param variants the tapped copy of a module's method, or {@code null} when the class lacks it
     */
    StatementRewriter(String text, ModuleNode instance, Map<String, ModuleNode> moduleVariables, String tapsVariable,
            Set<String> tapped, String wrapFunction, BiFunction<ModuleNode, String, MethodVariant> variants) {
        this.text = text;
        this.tokens = ScriptTokenizer.tokenize(text);
        this.instance = instance;
        this.moduleVariables = moduleVariables;
        this.tapsVariable = tapsVariable;
        this.tapped = tapped;
        this.wrapFunction = wrapFunction;
        this.variants = variants;
    }

    /** The editor for a {@link MethodCopier} that wraps every call of the modules at {@code paths}. */
    static MethodCopier.StatementEditor editor(Set<String> paths, String wrapFunction) {
        return (copier, site) -> text -> {
            StatementRewriter r = new StatementRewriter(text, site.instance(), site.moduleVariables(), site.listVariable(),
                    paths, wrapFunction, copier::variant);
            return new MethodCopier.Edit(r.rewrite(), r.events());
        };
    }

    String rewrite() {
        rewrite(0, tokens.size());
        copyTo(text.length());
        return out.toString();
    }

    /** Module paths whose taps the statement appends, in evaluation order. */
    List<String> events() {
        return events;
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
        MethodVariant callee = variants.apply(receiver, method);
        boolean onPath = callee != null && callee.needed();
        if (tapHere) {
            requireTensorOutput(receiver, method, callee);
        }
        if (!tapHere && !onPath) {
            return false;
        }
        copyTo(tokens.get(call.start()).start());
        if (tapHere) {
            out.append(wrapFunction).append('(');
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

    private static void requireTensorOutput(ModuleNode receiver, String method, MethodVariant callee) {
        if (callee == null) {
            throw new TorchScriptFormatException("module '" + receiver.path() + "' is called through " + method
                    + " but its class " + receiver.className() + " defines no such method");
        }
        if (callee.original().returnType().equals("NoneType")) {
            throw new TapException("module '" + receiver.path() + "' (" + receiver.typeName() + ") returns nothing from "
                    + method + ": tracing records a module that returns its input unchanged (an identity, such as "
                    + "nn.Identity or StochasticDepth in eval mode) as a call without a value; pick the module before it");
        }
        if (!callee.original().returnsTensor()) {
            throw new TapException("module '" + receiver.path() + "' (" + receiver.typeName() + ") returns "
                    + callee.original().returnType() + " from " + method + ", not one Tensor; only modules whose "
                    + "output is a single Tensor can be tapped or scaled (pick a submodule or the module that consumes it)");
        }
    }

    private void copyTo(int end) {
        if (end > copied) {
            out.append(text, copied, end);
            copied = end;
        }
    }
}
