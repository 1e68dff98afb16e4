package dev.loupe.core.evaluate;

import dev.loupe.core.stability.Experimental;
import java.util.List;

/**
 * An evaluation metric, configured by its provider. One call scores a whole batch of
 * explanations and returns one {@link MetricScore} per image, in batch order. Perturbed
 * forwards should be batched; any randomness must come from {@link EvaluationContext#seed()}.
 * Like an explainer, a metric must not keep backend tensors beyond the call.
 */
@FunctionalInterface
@Experimental
public interface Metric {

    List<MetricScore> evaluate(EvaluationContext context);
}
