package dev.loupe.backend.djl.torchscript;

/** One lexical token of TorchScript source, with its character range in the text it came from. */
record Token(Kind kind, String text, int start, int end) {

    enum Kind { NAME, NUMBER, STRING, SYMBOL }

    boolean is(String symbolOrName) {
        return (kind == Kind.SYMBOL || kind == Kind.NAME) && text.equals(symbolOrName);
    }

    boolean isName() {
        return kind == Kind.NAME;
    }

    /** The value of a string literal without quotes; printed TorchScript only escapes quotes and backslashes in names. */
    String stringValue() {
        if (kind != Kind.STRING) {
            throw new IllegalStateException("not a string literal: " + text);
        }
        return text.substring(1, text.length() - 1).replace("\\\"", "\"").replace("\\'", "'").replace("\\\\", "\\");
    }
}
