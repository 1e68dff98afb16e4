package dev.loupe.metrics.sanity;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.evaluate.EvaluationContext;
import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.evaluate.MetricScore;
import dev.loupe.core.explain.Attribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Explains each image again for a random other class (uniform over the classes except the
 * target, drawn in batch order from the context's seed) and compares the two maps
 * ({@link MapComparison}). A class-sensitive method gives a different map: low correlation.
 */
final class RandomLabel implements Metric {

    private final double threshold;
    private final boolean absolute;

    RandomLabel(double threshold, boolean absolute) {
        this.threshold = threshold;
        this.absolute = absolute;
    }

    static int[] otherClasses(int[] targets, int classCount, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] others = new int[targets.length];
        for (int b = 0; b < targets.length; b++) {
            int draw = random.nextInt(classCount - 1);
            others[b] = draw >= targets[b] ? draw + 1 : draw;
        }
        return others;
    }

    @Override
    public List<MetricScore> evaluate(EvaluationContext context) {
        int classCount = context.model().description().classCount();
        if (classCount < 2) {
            throw new LoupeException(ErrorKind.INPUT, "sanity-random-label needs a model with at least 2 classes; "
                    + context.model().description().source() + " has " + classCount + ".");
        }
        int[] others = otherClasses(context.targets(), classCount, context.seed());
        List<Attribution> maps = context.reexplain(new FixedTargets(others));
        List<MetricScore> scores = new ArrayList<>();
        for (int b = 0; b < others.length; b++) {
            MapComparison.Plane original = MapComparison.plane(context.attributions().get(b), absolute);
            if (original.constant()) {
                scores.add(MetricScore.notApplicable("the original map is constant: it ranks no pixels"));
                continue;
            }
            MapComparison c = MapComparison.compare(original, MapComparison.plane(maps.get(b), absolute));
            scores.add(new MetricScore(c.spearman(), Map.of("class", (double) others[b], "ssim", c.ssim(),
                    "passed", c.spearman() < threshold ? 1.0 : 0.0), List.of(), null));
        }
        return scores;
    }
}
