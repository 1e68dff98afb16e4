package dev.loupe.backend.djl.torchscript;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns planned method copies into changed code files: methods appended to their classes, plus a helper function. */
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

    /**
     * Code files (by module qualifier) to replace or add in the archive: the needed method copies
     * appended to their classes, {@code entrySource} appended to the root class, and the helper
     * function file {@code helperQualifier} holding {@code helperSource} (tap, ReLU cut or scale).
     */
    static Map<String, String> changedSources(Map<String, String> originalSources, Collection<MethodVariant> variants,
            ScriptClass rootClass, String entrySource, String helperQualifier, String helperSource) {
        Map<ScriptClass, List<String>> additions = new LinkedHashMap<>();
        for (MethodVariant v : variants) {
            if (v.needed()) {
                additions.computeIfAbsent(v.owner(), c -> new ArrayList<>()).add(variantSource(v));
            }
        }
        additions.computeIfAbsent(rootClass, c -> new ArrayList<>()).add(entrySource);

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

    /**
     * {@code <entryMethod>(self, factor: Tensor, <forward's params>) -> Tensor}: forward's copy run
     * with the list {@code [factor]}. The factor comes first because forward's parameters may have
     * defaults.
     */
    static String scaledEntry(ScriptClass rootClass, ScriptMethod forward, MethodVariant rootVariant, String entryMethod) {
        String member = " ".repeat(rootClass.memberIndent());
        String continuation = " ".repeat(rootClass.memberIndent() + 2);
        String body = " ".repeat(forward.bodyIndent());
        String list = rootVariant.tapsVariable();
        String factor = forward.freshName("loupe_factor");
        StringBuilder s = new StringBuilder();
        s.append(member).append("def ").append(entryMethod).append("(self: ").append(rootClass.qualifiedName()).append(",\n")
                .append(continuation).append(factor).append(": Tensor");
        StringBuilder arguments = new StringBuilder(list);
        for (ScriptMethod.Param p : forward.params()) {
            s.append(",\n").append(continuation).append(p.text());
            arguments.append(", ").append(p.name());
        }
        s.append(") -> Tensor:\n");
        s.append(body).append(list).append(" = [").append(factor).append("]\n");
        s.append(body).append("return (self).").append(rootVariant.name()).append('(').append(arguments).append(')');
        return s.toString();
    }

    /** {@code <entryMethod>(self, <forward's params>) -> List[Tensor]}: [output] + taps (or cuts). */
    static String listEntry(ScriptClass rootClass, ScriptMethod forward, MethodVariant rootVariant, String entryMethod) {
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
