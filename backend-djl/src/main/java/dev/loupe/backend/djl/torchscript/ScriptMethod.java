package dev.loupe.backend.djl.torchscript;

import java.util.List;

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
}
