package dev.loupe.metrics.sanity;

import dev.loupe.core.evaluate.EvaluationContext;
import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.evaluate.MetricScore;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.ExplainContext;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.explain.ImageSource;
import dev.loupe.core.explain.Progress;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.Scope;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.MetricProvider;
import dev.loupe.core.tensor.FloatArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a metric as `loupe evaluate` would: explain a batch, then score it, inside one scope. */
final class SanityHarness {

    /** The quickstart images' "top" targets (fixtures/reference/shapes_cnn/targets.json). */
    static final int[] SHAPES_TOP = {0, 1, 2, 3, 0, 2};

    private SanityHarness() {
    }

    static Metric metric(MetricProvider provider, Map<String, ?> parameters) {
        Parameters validated = provider.parameters().validate(provider.name(), parameters);
        return provider.create(validated);
    }

    static List<MetricScore> evaluate(Metric metric, ExplainableModel model, Explainer explainer, FloatArray images,
            int[] targets, long seed) {
        try (Scope scope = model.openScope()) {
            List<Attribution> maps = explainer.explain(new ExplainContext(model, scope, images, new FixedTargets(targets)));
            return metric.evaluate(new EvaluationContext(model, scope, images, targets, maps, explainer, ImageSource.none(),
                    null, seed, 16, Progress.NONE));
        }
    }

    static FloatArray logits(ExplainableModel model, FloatArray images) {
        try (Scope scope = model.openScope()) {
            return scope.forward(scope.upload(images), HookSpec.none()).logits().toHost();
        }
    }

    static List<FloatArray> maps(ExplainableModel model, Explainer explainer, FloatArray images, int[] targets) {
        try (Scope scope = model.openScope()) {
            List<FloatArray> result = new ArrayList<>();
            explainer.explain(new ExplainContext(model, scope, images, new FixedTargets(targets)))
                    .forEach(a -> result.add(a.map()));
            return result;
        }
    }

    /**
     * A "method" that ignores the model: the map is the input image itself. It still runs a
     * forward (as any explainer must to know its targets), so it sees the randomised model.
     */
    static Explainer inputEcho() {
        return context -> {
            FloatArray images = context.images();
            FloatArray logits = context.scope().forward(context.scope().upload(images), HookSpec.none()).logits().toHost();
            int[] targets = context.targets().resolve(logits);
            List<Attribution> maps = new ArrayList<>();
            for (int b = 0; b < targets.length; b++) {
                maps.add(new Attribution(images.slice(b), Attribution.MapKind.INPUT, targets[b],
                        logits.data()[b * (int) logits.dim(1) + targets[b]], null, Map.of()));
            }
            return maps;
        };
    }
}
