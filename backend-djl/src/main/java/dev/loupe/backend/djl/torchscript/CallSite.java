package dev.loupe.backend.djl.torchscript;

import java.util.List;
import java.util.Map;

/**
 * A method call on a module in printed TorchScript: {@code (conv1).forward(x, )},
 * {@code (self)._forward_impl(x, )}, {@code (self.conv1).forward(x)} or
 * {@code (getattr(self, "0")).forward(x)}. Token indices refer to the statement's token list:
 * the receiver's opening bracket, the method name, and the argument list's brackets.
 */
record CallSite(ModuleNode receiver, boolean onSelf, int start, int methodToken, int argsOpen, int argsClose) {

    /**
     * The call starting at token {@code i}, or {@code null} when the tokens there are not a method
     * call on {@code self} or on a submodule.
     *
     * @param moduleVariables local variables bound to submodules ({@code conv1 = self.conv1})
     */
    static CallSite at(List<Token> t, int i, ModuleNode self, Map<String, ModuleNode> moduleVariables) {
        if (!t.get(i).is("(")) {
            return null;
        }
        ModuleNode receiver = null;
        boolean onSelf = false;
        int receiverEnd = -1;
        if (matches(t, i + 1, "self", ")")) {
            receiver = self;
            onSelf = true;
            receiverEnd = i + 2;
        } else if (i + 2 < t.size() && t.get(i + 1).isName() && t.get(i + 2).is(")")) {
            receiver = moduleVariables.get(t.get(i + 1).text());
            receiverEnd = i + 2;
        } else if (matches(t, i + 1, "self", ".") && i + 4 < t.size() && t.get(i + 3).isName() && t.get(i + 4).is(")")) {
            receiver = child(self, t.get(i + 3).text());
            receiverEnd = i + 4;
        } else if (matches(t, i + 1, "getattr", "(", "self", ",") && i + 7 < t.size()
                && t.get(i + 5).kind() == Token.Kind.STRING && t.get(i + 6).is(")") && t.get(i + 7).is(")")) {
            receiver = child(self, t.get(i + 5).stringValue());
            receiverEnd = i + 7;
        }
        if (receiver == null || !matches(t, receiverEnd + 1, ".") || receiverEnd + 3 >= t.size()
                || !t.get(receiverEnd + 2).isName() || !t.get(receiverEnd + 3).is("(")) {
            return null;
        }
        int open = receiverEnd + 3;
        return new CallSite(receiver, onSelf, i, receiverEnd + 2, open, ScriptSourceParser.matchingClose(t, open));
    }

    String method(List<Token> t) {
        return t.get(methodToken).text();
    }

    /** The direct submodule of {@code parent} held in attribute {@code name}, or {@code null}. */
    static ModuleNode child(ModuleNode parent, String name) {
        for (ModuleNode c : parent.children()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static boolean matches(List<Token> t, int from, String... texts) {
        if (from + texts.length > t.size()) {
            return false;
        }
        for (int k = 0; k < texts.length; k++) {
            Token token = t.get(from + k);
            if (token.kind() == Token.Kind.STRING || token.kind() == Token.Kind.NUMBER || !token.text().equals(texts[k])) {
                return false;
            }
        }
        return true;
    }
}
