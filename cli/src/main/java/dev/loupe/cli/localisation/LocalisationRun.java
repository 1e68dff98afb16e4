package dev.loupe.cli.localisation;

import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.explain.Explanations;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.explain.Target;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.image.Preprocessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every method with its default parameters on every image of a {@link HeldOutSet}, explained for
 * the image's true class: the pointing-game hit rate and the mean energy share inside the mask.
 */
public final class LocalisationRun {

    /** One method's result; {@code skipped} says why a method could not run, else null. */
    public record Row(String method, int images, int hits, double meanEnergyInside, String skipped) {

        public double hitRate() {
            return images == 0 ? 0 : (double) hits / images;
        }
    }

    private LocalisationRun() {
    }

    public static List<Row> run(ExplainableModel model, HeldOutSet set, Preprocessor preprocessor, List<String> methods,
            Map<String, Map<String, Object>> parameters) {
        ExplainerRegistry registry = ExplainerRegistry.load();
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
            double energy = 0;
            try {
                for (HeldOutSet.Item item : set.items()) {
                    FloatArray input = preprocessor.apply(item.image()).input();
                    long[] s = input.shape();
                    FloatArray batch = input.rank() == 3 ? input.reshape(1, s[0], s[1], s[2]) : input;
                    Attribution a = Explanations.explain(explainer, model, batch, List.of(Target.index(item.classIndex())),
                            Labels.none()).get(0);
                    LocalisationScore score = LocalisationScore.of(a, item.mask(), item.image().height(), item.image().width());
                    hits += score.hit() ? 1 : 0;
                    energy += score.energyInside();
                }
            } catch (LoupeException e) {
                rows.add(new Row(method, 0, 0, 0, e.getMessage()));
                continue;
            }
            rows.add(new Row(method, set.items().size(), hits, energy / set.items().size(), null));
        }
        return rows;
    }
}
