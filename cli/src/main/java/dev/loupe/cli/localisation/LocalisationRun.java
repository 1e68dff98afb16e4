package dev.loupe.cli.localisation;

import dev.loupe.core.LoupeException;
import dev.loupe.core.evaluate.EvaluationContext;
import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.explain.ImageSource;
import dev.loupe.core.explain.Progress;
import dev.loupe.core.registry.MetricRegistry;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.explain.Explanations;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.explain.Target;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.image.Preprocessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every method with its default parameters on every image of a {@link HeldOutSet}, explained for
 * the image's true class: the pointing-game hit rate and the mean energy share inside the mask.
 * The scores come from the {@code pointing-game} (tolerance 0: the maximum itself must be on the
 * object) and {@code energy-pointing-game} metrics of {@code loupe evaluate}, with the abs-max
 * channel reduction: one implementation for both commands.
 */
@Internal
public final class LocalisationRun {

    /** One method's result; {@code skipped} says why a method could not run, else null. */
    public record Row(String method, int images, int hits, double meanEnergyInside, String skipped) {

        public double hitRate() {
            return images == 0 ? 0 : (double) hits / images;
        }
    }

    static final String POINTING_GAME = "pointing-game";
    static final String ENERGY = "energy-pointing-game";

    private LocalisationRun() {
    }

    public static List<Row> run(ExplainableModel model, HeldOutSet set, Preprocessor preprocessor, List<String> methods,
            Map<String, Map<String, Object>> parameters) {
        ExplainerRegistry registry = ExplainerRegistry.load();
        MetricRegistry metrics = MetricRegistry.load();
        Metric pointing = metrics.create(POINTING_GAME, Map.of("tolerance", 0, "reduce", "abs-max"), model);
        Metric energy = metrics.create(ENERGY, Map.of("reduce", "abs-max"), model);
        List<Row> rows = new ArrayList<>();
        for (String method : methods) {
            Explainer explainer;
            try {
                explainer = registry.create(method, parameters.getOrDefault(method, Map.of()), model);
            } catch (LoupeException e) {
                rows.add(new Row(method, 0, 0, 0, e.getMessage()));
                continue;
            }
            int hits = 0;
            double energyInside = 0;
            try {
                for (HeldOutSet.Item item : set.items()) {
                    FloatArray input = preprocessor.apply(item.image()).input();
                    long[] s = input.shape();
                    FloatArray batch = input.rank() == 3 ? input.reshape(1, s[0], s[1], s[2]) : input;
                    Attribution a = Explanations.explain(explainer, model, batch, List.of(Target.index(item.classIndex())),
                            Labels.none()).get(0);
                    EvaluationContext context = context(model, batch, a, explainer, item);
                    hits += pointing.evaluate(context).get(0).value() == 1 ? 1 : 0;
                    energyInside += energy.evaluate(context).get(0).value();
                }
            } catch (LoupeException e) {
                rows.add(new Row(method, 0, 0, 0, e.getMessage()));
                continue;
            }
            rows.add(new Row(method, set.items().size(), hits, energyInside / set.items().size(), null));
        }
        return rows;
    }

    /** One image's map and mask as the metrics take them; the localisation metrics run no model pass. */
    private static EvaluationContext context(ExplainableModel model, FloatArray batch, Attribution a, Explainer explainer,
            HeldOutSet.Item item) {
        float[] mask = new float[item.mask().length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = item.mask()[i] ? 1 : 0;
        }
        FloatArray plane = new FloatArray(mask, new long[] {item.image().height(), item.image().width()});
        return new EvaluationContext(model, null, batch, new int[] {a.target()}, List.of(a), explainer, ImageSource.none(),
                List.of(plane), 0, 1, Progress.NONE);
    }
}
