package dev.loupe.backend.djl.torchscript;

import java.util.List;

/**
 * One statement of TorchScript source: physical lines {@code [firstLine, endLine)} of its file,
 * joined by newlines as written (a def header or a long call may span lines while brackets are open).
 */
record LogicalLine(int firstLine, int endLine, int indent, String text) {

    List<Token> tokens() {
        return ScriptTokenizer.tokenize(text);
    }

    boolean startsWith(String keyword) {
        List<Token> tokens = tokens();
        return !tokens.isEmpty() && tokens.get(0).is(keyword);
    }
}
