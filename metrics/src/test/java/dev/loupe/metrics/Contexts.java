package dev.loupe.metrics;

import dev.loupe.core.evaluate.EvaluationContext;
import dev.loupe.core.evaluate.MetricScore;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.ImageSource;
import dev.loupe.core.explain.Progress;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.Scope;
import dev.loupe.core.registry.MetricRegistry;
import dev.loupe.core.tensor.FloatArray;
import java.util.List;
import java.util.Map;

/** Runs a registered metric on one image and one input map, in a scope that is always closed. */
public final class Contexts {

    public static final MetricRegistry METRICS = MetricRegistry.load();

    private Contexts() {
    }

    public static Attribution inputMap(FloatArray chw, int target) {
        return new Attribution(chw, Attribution.MapKind.INPUT, target, 0f, null, Map.of());
    }

    /** @param image (1, C, H, W) */
    public static MetricScore run(ExplainableModel model, String metric, Map<String, ?> params, FloatArray image,
            int target, Attribution map, FloatArray mask, int batchSize) {
        try (Scope scope = model == null ? null : model.openScope()) {
            EvaluationContext context = new EvaluationContext(model, scope, image, new int[] {target}, List.of(map), null,
                    ImageSource.none(), mask == null ? null : java.util.Collections.singletonList(mask), 7L, batchSize,
                    Progress.NONE);
            Object created = model == null
                    ? METRICS.get(metric).create(METRICS.validate(metric, params))
                    : METRICS.create(metric, params, model);
            return ((dev.loupe.core.evaluate.Metric) created).evaluate(context).get(0);
        }
    }
}
