package dev.loupe.core.param;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.stability.Stable;
import java.util.List;

/** Unknown or ill-typed method parameters; lists every problem at once. */
@Stable
public final class ParameterException extends LoupeException {

    private final List<String> problems;

    public ParameterException(String method, List<String> problems) {
        super(ErrorKind.USAGE, "Invalid parameters for method '" + method + "':\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
