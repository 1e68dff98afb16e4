package dev.loupe.backend.djl.torchscript;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one printed TorchScript source file into its classes: attribute annotations and methods
 * with their bodies. Free functions (as in {@code torch/nn/functional.py}) are skipped. Only the
 * layout torch.jit.save prints is understood: a class at column 0, members one indent deeper,
 * method bodies deeper still.
 */
final class ScriptSourceParser {

    private final String qualifier;
    private final List<ScriptClass> classes = new ArrayList<>();

    private ClassBuilder currentClass;
    private MethodBuilder currentMethod;

    private ScriptSourceParser(String qualifier) {
        this.qualifier = qualifier;
    }

    static List<ScriptClass> parse(String qualifier, String source) {
        ScriptSourceParser parser = new ScriptSourceParser(qualifier);
        for (LogicalLine line : logicalLines(source)) {
            parser.accept(line);
        }
        parser.finishClass();
        return parser.classes;
    }

    /** Splits source into statements; a statement continues over lines while brackets are open. */
    static List<LogicalLine> logicalLines(String source) {
        String[] physical = source.split("\n", -1);
        List<LogicalLine> lines = new ArrayList<>();
        int i = 0;
        while (i < physical.length) {
            if (physical[i].isBlank()) {
                i++;
                continue;
            }
            int first = i;
            StringBuilder text = new StringBuilder(physical[i]);
            int balance = ScriptTokenizer.bracketBalance(physical[i]);
            i++;
            while (balance > 0 && i < physical.length) {
                text.append('\n').append(physical[i]);
                balance += ScriptTokenizer.bracketBalance(physical[i]);
                i++;
            }
            lines.add(new LogicalLine(first, i, indentOf(physical[first]), text.toString()));
        }
        return lines;
    }

    private void accept(LogicalLine line) {
        if (line.indent() == 0) {
            finishClass();
            if (line.startsWith("class")) {
                currentClass = new ClassBuilder(classHeader(line));
            }
            return;
        }
        if (currentClass == null) {
            return; // body of a free function
        }
        currentClass.endLine = line.endLine();
        if (currentClass.memberIndent < 0) {
            currentClass.memberIndent = line.indent();
        }
        if (line.indent() == currentClass.memberIndent) {
            finishMethod();
            if (line.startsWith("def")) {
                currentMethod = new MethodBuilder(line);
            } else {
                classMember(line);
            }
        } else if (line.indent() > currentClass.memberIndent && currentMethod != null) {
            currentMethod.body.add(line);
        } else {
            throw unexpected(line, "a line indented like no class member or method body");
        }
    }

    /** {@code class Name(Base):} or {@code class Name:}; returns name and base ("" when none). */
    private String[] classHeader(LogicalLine line) {
        List<Token> t = line.tokens();
        int last = t.size() - 1;
        boolean wellFormed = t.size() >= 3 && t.get(1).isName() && t.get(last).is(":")
                && (last == 2 || (t.get(2).is("(") && t.get(last - 1).is(")") && last - 1 > 3));
        if (!wellFormed) {
            throw unexpected(line, "a class header other than 'class Name(Base):'");
        }
        String base = last == 2 ? "" : line.text().substring(t.get(3).start(), t.get(last - 2).end());
        return new String[] {t.get(1).text(), base};
    }

    private void classMember(LogicalLine line) {
        List<Token> t = line.tokens();
        String text = line.text();
        if (t.size() >= 6 && t.get(0).is("__annotations__") && t.get(1).is("[") && t.get(2).kind() == Token.Kind.STRING
                && t.get(3).is("]") && t.get(4).is("=")) {
            currentClass.attributes.add(new ScriptAttribute(t.get(2).stringValue(), text.substring(t.get(5).start()).trim()));
        } else if (t.size() >= 3 && t.get(0).isName() && t.get(1).is(":")) {
            int typeEnd = text.length();
            for (int i = 2; i < t.size(); i++) {
                if (t.get(i).is("=")) {
                    typeEnd = t.get(i).start(); // a Final constant: "kernel_size : Final[int] = 3"
                    break;
                }
            }
            currentClass.attributes.add(new ScriptAttribute(t.get(0).text(), text.substring(t.get(2).start(), typeEnd).trim()));
        }
        // __parameters__ / __buffers__ lists and other class-level assignments carry nothing a tap needs
    }

    private void finishMethod() {
        if (currentMethod != null) {
            ScriptMethod method = currentMethod.build();
            currentClass.methods.put(method.name(), method);
            currentMethod = null;
        }
    }

    private void finishClass() {
        if (currentClass != null) {
            finishMethod();
            classes.add(new ScriptClass(qualifier, currentClass.name, currentClass.base, currentClass.attributes,
                    currentClass.methods, currentClass.memberIndent, currentClass.endLine));
            currentClass = null;
        }
    }

    private TorchScriptFormatException unexpected(LogicalLine line, String what) {
        return new TorchScriptFormatException("unexpected TorchScript source in " + qualifier + " line "
                + (line.firstLine() + 1) + ": " + what + ": '" + line.text().strip() + "'");
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private final class ClassBuilder {
        final String name;
        final String base;
        final List<ScriptAttribute> attributes = new ArrayList<>();
        final Map<String, ScriptMethod> methods = new LinkedHashMap<>();
        int memberIndent = -1;
        int endLine;

        ClassBuilder(String[] header) {
            this.name = header[0];
            this.base = header[1];
        }
    }

    private final class MethodBuilder {
        final LogicalLine header;
        final List<LogicalLine> body = new ArrayList<>();

        MethodBuilder(LogicalLine header) {
            this.header = header;
        }

        /** {@code def name(self: T, p: T2=default) -> R:}, possibly over several lines. */
        ScriptMethod build() {
            List<Token> t = header.tokens();
            String text = header.text();
            if (t.size() < 5 || !t.get(1).isName() || !t.get(2).is("(") || !t.get(t.size() - 1).is(":")) {
                throw unexpected(header, "a method header other than 'def name(self, ...) -> Type:'");
            }
            int close = matchingClose(t, 2);
            List<ScriptMethod.Param> params = new ArrayList<>();
            int paramStart = 3;
            int depth = 0;
            for (int i = 3; i <= close; i++) {
                Token token = t.get(i);
                if (token.is("(") || token.is("[") || token.is("{")) {
                    depth++;
                } else if ((token.is(")") || token.is("]") || token.is("}")) && i < close) {
                    depth--;
                } else if ((token.is(",") && depth == 0) || i == close) {
                    if (i > paramStart) {
                        String paramText = text.substring(t.get(paramStart).start(), t.get(i - 1).end()).trim();
                        params.add(new ScriptMethod.Param(t.get(paramStart).text(), paramText));
                    }
                    paramStart = i + 1;
                }
            }
            if (params.isEmpty() || !params.get(0).name().equals("self")) {
                throw unexpected(header, "a method without 'self' as first parameter");
            }
            String returnType = "";
            if (close + 1 < t.size() && t.get(close + 1).is("->")) {
                returnType = text.substring(t.get(close + 2).start(), t.get(t.size() - 1).start()).trim();
            }
            int bodyIndent = body.isEmpty() ? header.indent() + 2 : body.get(0).indent();
            return new ScriptMethod(t.get(1).text(), params.subList(1, params.size()), returnType, body, bodyIndent);
        }
    }

    /** Index of the bracket closing the one at {@code open}. */
    static int matchingClose(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.is("(") || token.is("[") || token.is("{")) {
                depth++;
            } else if (token.is(")") || token.is("]") || token.is("}")) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        throw new TorchScriptFormatException("unbalanced brackets in TorchScript source: "
                + tokens.stream().map(Token::text).reduce("", (a, b) -> a + b));
    }
}
