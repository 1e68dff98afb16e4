package dev.loupe.core.explain;

import dev.loupe.core.stability.Stable;
import java.util.List;

/**
 * An attribution method, configured with validated parameters by its provider. One call
 * explains a whole batch and returns one {@link Attribution} per image, in batch order.
 * Implementations must not keep backend tensors beyond the call: the scope closes after it.
 */
@FunctionalInterface
@Stable
public interface Explainer {

    List<Attribution> explain(ExplainContext context);
}
