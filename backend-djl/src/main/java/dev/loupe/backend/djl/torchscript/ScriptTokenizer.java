package dev.loupe.backend.djl.torchscript;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits printed TorchScript (the Python subset torch.jit.save writes into code/) into tokens.
 * Whitespace and newlines are skipped: callers keep the original text and use token offsets.
 */
final class ScriptTokenizer {

    private static final String[] MULTI_CHAR_SYMBOLS = {
        "**=", "//=", ">>=", "<<=", "->", "==", "!=", "<=", ">=", "**", "//", "<<", ">>",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", ":="
    };

    private ScriptTokenizer() {
    }

    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                i = skipComment(text, i);
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                tokens.add(new Token(Token.Kind.NAME, text.substring(i, end), i, end));
                i = end;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                int end = numberEnd(text, i);
                tokens.add(new Token(Token.Kind.NUMBER, text.substring(i, end), i, end));
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = stringEnd(text, i);
                tokens.add(new Token(Token.Kind.STRING, text.substring(i, end), i, end));
                i = end;
            } else {
                int end = symbolEnd(text, i);
                tokens.add(new Token(Token.Kind.SYMBOL, text.substring(i, end), i, end));
                i = end;
            }
        }
        return tokens;
    }

    /** Round, square and curly bracket depth after {@code text}, ignoring brackets inside strings. */
    static int bracketBalance(String text) {
        int depth = 0;
        for (Token t : tokenize(text)) {
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                depth--;
            }
        }
        return depth;
    }

    private static int skipComment(String text, int i) {
        int end = text.indexOf('\n', i);
        return end < 0 ? text.length() : end;
    }

    private static int numberEnd(String text, int i) {
        int end = i;
        while (end < text.length()) {
            char c = text.charAt(end);
            boolean exponentSign = (c == '+' || c == '-') && end > i
                    && (text.charAt(end - 1) == 'e' || text.charAt(end - 1) == 'E')
                    && !text.substring(i, end).startsWith("0x");
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign) {
                end++;
            } else {
                break;
            }
        }
        return end;
    }

    private static int stringEnd(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        throw new TorchScriptFormatException("unterminated string literal in TorchScript source: "
                + text.substring(start, Math.min(text.length(), start + 60)));
    }

    private static int symbolEnd(String text, int i) {
        for (String symbol : MULTI_CHAR_SYMBOLS) {
            if (text.startsWith(symbol, i)) {
                return i + symbol.length();
            }
        }
        return i + 1;
    }
}
