package dev.loupe.backend.djl.torchscript;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The taps one method appends, in order, given the taps of each of its statements; checks that the
 * number of taps cannot depend on the input. Statements run in order; an if/elif/else is accepted
 * when every branch that does not raise appends the same taps (scripted MobileNetV2 calls its
 * {@code conv} in both branches of {@code if use_res_connect:}); taps inside loops, in only some
 * branches, or in conditional expressions are refused with a {@link TapException}.
 */
final class ControlFlowEvents {

    private static final Set<String> CONDITIONAL_WORDS = Set.of("if", "else", "for", "and", "or", "lambda");

    private final ScriptClass owner;
    private final ScriptMethod method;
    private final List<LogicalLine> lines;
    private final List<List<String>> lineEvents;

    private ControlFlowEvents(ScriptClass owner, ScriptMethod method, List<List<String>> lineEvents) {
        this.owner = owner;
        this.method = method;
        this.lines = method.body();
        this.lineEvents = lineEvents;
    }

    /** @param lineEvents the taps each body statement appends, as {@link StatementRewriter} found them */
    static List<String> of(ScriptClass owner, ScriptMethod method, List<List<String>> lineEvents) {
        if (lineEvents.stream().allMatch(List::isEmpty)) {
            return List.of();
        }
        return new ControlFlowEvents(owner, method, lineEvents).block(0, method.body().size());
    }

    private List<String> block(int from, int to) {
        List<String> events = new ArrayList<>();
        int indent = lines.get(from).indent();
        int i = from;
        while (i < to) {
            LogicalLine line = lines.get(i);
            if (line.indent() != indent) {
                throw new TorchScriptFormatException("unexpected indentation in " + where() + ": '" + line.text().strip() + "'");
            }
            int end = blockEnd(i, to);
            String head = line.tokens().get(0).text();
            if (head.equals("if")) {
                i = branches(i, to, events);
            } else if (head.equals("for") || head.equals("while")) {
                if (!lineEvents.get(i).isEmpty() || !block(i + 1, end).isEmpty()) {
                    throw refused(i, firstEvent(i, end), "inside a loop, so how often it runs depends on the input");
                }
                i = end;
            } else if (end > i + 1) {
                // with-blocks and the like run their body once
                requireNoEventsInHeader(i);
                events.addAll(block(i + 1, end));
                i = end;
            } else {
                if (!lineEvents.get(i).isEmpty() && line.tokens().stream().anyMatch(t -> t.isName() && CONDITIONAL_WORDS.contains(t.text()))) {
                    throw refused(i, lineEvents.get(i).get(0), "inside a conditional expression, so whether it runs depends on the input");
                }
                events.addAll(lineEvents.get(i));
                i++;
            }
        }
        return events;
    }

    /** An if statement with its elif/else clauses starting at {@code i}; returns the index after it. */
    private int branches(int i, int to, List<String> events) {
        int indent = lines.get(i).indent();
        List<List<String>> outcomes = new ArrayList<>();
        boolean hasElse = false;
        int clause = i;
        do {
            requireNoEventsInHeader(clause);
            hasElse = lines.get(clause).startsWith("else");
            int end = blockEnd(clause, to);
            if (!raises(clause + 1, end)) {
                outcomes.add(block(clause + 1, end));
            }
            clause = end;
        } while (clause < to && lines.get(clause).indent() == indent
                && (lines.get(clause).startsWith("elif") || lines.get(clause).startsWith("else")));
        if (!hasElse) {
            outcomes.add(List.of());
        }
        for (List<String> outcome : outcomes) {
            if (!outcome.equals(outcomes.get(0))) {
                throw refused(i, firstDifference(outcomes), "in only some branches of an if, so whether it runs depends on "
                        + "the model's settings or the input");
            }
        }
        if (!outcomes.isEmpty()) {
            events.addAll(outcomes.get(0));
        }
        return clause;
    }

    /** The index after the statement at {@code i} and the lines indented under it. */
    private int blockEnd(int i, int to) {
        int end = i + 1;
        while (end < to && lines.get(end).indent() > lines.get(i).indent()) {
            end++;
        }
        return end;
    }

    /** TorchScript prints raise as ops.prim.RaiseException(...); a branch that raises appends nothing that is returned. */
    private boolean raises(int from, int to) {
        int indent = lines.get(from).indent();
        for (int k = from; k < to; k++) {
            List<Token> t = lines.get(k).tokens();
            boolean raise = t.size() > 4 && t.get(0).is("ops") && t.get(2).is("prim") && t.get(4).is("RaiseException");
            if (lines.get(k).indent() == indent && (raise || t.get(0).is("raise"))) {
                return true;
            }
        }
        return false;
    }

    private void requireNoEventsInHeader(int i) {
        if (!lineEvents.get(i).isEmpty()) {
            throw refused(i, lineEvents.get(i).get(0), "in the condition of a branch or loop");
        }
    }

    private String firstEvent(int from, int to) {
        for (int k = from; k < to; k++) {
            if (!lineEvents.get(k).isEmpty()) {
                return lineEvents.get(k).get(0);
            }
        }
        return "?";
    }

    private static String firstDifference(List<List<String>> outcomes) {
        for (List<String> outcome : outcomes) {
            for (String event : outcome) {
                if (!outcomes.stream().allMatch(o -> o.contains(event))) {
                    return event;
                }
            }
        }
        return outcomes.stream().flatMap(List::stream).findFirst().orElse("?");
    }

    private TapException refused(int line, String module, String why) {
        return new TapException("the call of module '" + module + "' in " + where() + " sits " + why + " ('"
                + lines.get(line).text().strip() + "'); tap a module that always runs exactly as often (e.g. its parent)");
    }

    private String where() {
        return owner.qualifiedName() + "." + method.name();
    }
}
