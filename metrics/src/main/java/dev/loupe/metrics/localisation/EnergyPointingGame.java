package dev.loupe.metrics.localisation;

import dev.loupe.core.evaluate.EvaluationContext;
import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.evaluate.MetricScore;
import dev.loupe.metrics.MapPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The energy-based pointing game (Wang et al. 2020, Score-CAM): the share of the map's positive
 * mass that lies on the object, sum over the object of max(v, 0) / sum over the image of
 * max(v, 0). A map with no positive value scores 0. Images without a mask, or with an empty
 * one, are not scored; the object's share of the image (what a map spread evenly would score) is
 * in the details as {@code object-share}.
 */
record EnergyPointingGame(MapPlane.Reduction reduction) implements Metric {

    @Override
    public List<MetricScore> evaluate(EvaluationContext context) {
        List<MetricScore> scores = new ArrayList<>();
        for (int b = 0; b < context.targets().length; b++) {
            MaskedPlane plane = MaskedPlane.of(context, b, reduction);
            if (plane == null || plane.objectIsEmpty()) {
                scores.add(MetricScore.notApplicable(plane == null ? "no ground-truth mask" : "the mask is empty"));
                continue;
            }
            double positive = 0;
            double inside = 0;
            int onObject = 0;
            float[] v = plane.values();
            for (int i = 0; i < v.length; i++) {
                onObject += plane.object()[i] ? 1 : 0;
                if (v[i] > 0) {
                    positive += v[i];
                    inside += plane.object()[i] ? v[i] : 0;
                }
            }
            double share = positive == 0 ? 0 : inside / positive;
            scores.add(new MetricScore(share, Map.of("object-share", (double) onObject / v.length), List.of(), null));
        }
        return scores;
    }
}
