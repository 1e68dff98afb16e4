package dev.loupe.backend.djl.torchscript;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A method of a TorchScript class as printed: {@code def name(self: Cls, x: Tensor) -> Tensor:}
 * followed by its body. {@code params} excludes {@code self}; each keeps its source text
 * ({@code x: Tensor}, {@code bias: Optional[Tensor]=None}).
 */
record ScriptMethod(String name, List<Param> params, String returnType, List<LogicalLine> body, int bodyIndent) {

    record Param(String name, String text) {
    }

    boolean returnsTensor() {
        return returnType.equals("Tensor");
    }

    /** {@code base}, or {@code base_1}, {@code base_2}, ... if the method already uses that name. */
    String freshName(String base) {
        Set<String> used = new HashSet<>();
        params.forEach(p -> ScriptTokenizer.tokenize(p.text()).forEach(t -> used.add(t.text())));
        body.forEach(l -> l.tokens().forEach(t -> used.add(t.text())));
        String name = base;
        for (int k = 1; used.contains(name); k++) {
            name = base + "_" + k;
        }
        return name;
    }
}
