package dev.loupe.backend.djl.torchscript;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns planned method copies into changed code files: methods appended to their classes, plus the tap function. */
final class TapSources {

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

    private TapSources() {
    }

    /** Code files (by module qualifier) to replace or add in the archive. */
    static Map<String, String> changedSources(Map<String, String> originalSources, Collection<MethodVariant> variants,
            ScriptClass rootClass, ScriptMethod forward, MethodVariant rootVariant) {
        return changedSources(originalSources, variants, rootClass, forward, rootVariant, TapRewriter.ENTRY_METHOD,
                TAP_QUALIFIER, TAP_FUNCTION_SOURCE);
    }

    /**
     * As above, with the root's entry method named {@code entryMethod} and the helper function file
     * {@code helperQualifier} holding {@code helperSource} (the tap or the ReLU cut function).
     */
    static Map<String, String> changedSources(Map<String, String> originalSources, Collection<MethodVariant> variants,
            ScriptClass rootClass, ScriptMethod forward, MethodVariant rootVariant, String entryMethod,
            String helperQualifier, String helperSource) {
        Map<ScriptClass, List<String>> additions = new LinkedHashMap<>();
        for (MethodVariant v : variants) {
            if (v.needed()) {
                additions.computeIfAbsent(v.owner(), c -> new ArrayList<>()).add(variantSource(v));
            }
        }
        additions.computeIfAbsent(rootClass, c -> new ArrayList<>()).add(entrySource(rootClass, forward, rootVariant, entryMethod));

        Map<String, TreeMap<Integer, List<String>>> insertionsByFile = new LinkedHashMap<>();
        additions.forEach((cls, methods) -> insertionsByFile
                .computeIfAbsent(cls.qualifier(), q -> new TreeMap<>())
                .computeIfAbsent(cls.endLine(), l -> new ArrayList<>())
                .addAll(methods));
        Map<String, String> changed = new LinkedHashMap<>();
        insertionsByFile.forEach((qualifier, insertions) -> changed.put(qualifier, insert(originalSources.get(qualifier), insertions)));
        changed.put(helperQualifier, helperSource);
        return changed;
    }

    /** Inserts methods after the last line of their class; later classes first so line numbers stay valid. */
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

    /** {@code <entryMethod>(self, <forward's params>) -> List[Tensor]}: [output] + taps (or cuts). */
    private static String entrySource(ScriptClass rootClass, ScriptMethod forward, MethodVariant rootVariant,
            String entryMethod) {
        String member = " ".repeat(rootClass.memberIndent());
        String continuation = " ".repeat(rootClass.memberIndent() + 2);
        String body = " ".repeat(forward.bodyIndent());
        String taps = rootVariant.tapsVariable();
        String output = forward.freshName("loupe_output");
        StringBuilder s = new StringBuilder();
        s.append(member).append("def ").append(entryMethod).append("(self: ").append(rootClass.qualifiedName());
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
}
