package dev.loupe.metrics.localisation;

import dev.loupe.core.evaluate.EvaluationContext;
import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.evaluate.MetricScore;
import dev.loupe.metrics.MapPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pointing game (Zhang et al. 2016): a hit (1) when the map's maximum lies on the object or
 * within {@code tolerance} pixels of it (Euclidean distance, as TorchRay and pytorch-grad-cam
 * count it; they use 15 px), else a miss (0). The first maximum in row-major order counts; a map
 * with no positive value points nowhere and misses. Images without a mask, or with an empty one,
 * are not scored.
 */
record PointingGame(int tolerance, MapPlane.Reduction reduction) implements Metric {

    @Override
    public List<MetricScore> evaluate(EvaluationContext context) {
        List<MetricScore> scores = new ArrayList<>();
        for (int b = 0; b < context.targets().length; b++) {
            MaskedPlane plane = MaskedPlane.of(context, b, reduction);
            if (plane == null || plane.objectIsEmpty()) {
                scores.add(MetricScore.notApplicable(plane == null ? "no ground-truth mask" : "the mask is empty"));
                continue;
            }
            int best = argmax(plane.values());
            boolean hit = plane.values()[best] > 0 && nearObject(plane, best);
            scores.add(new MetricScore(hit ? 1 : 0, Map.of("x", (double) (best % plane.width()),
                    "y", (double) (best / plane.width())), List.of(), null));
        }
        return scores;
    }

    static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private boolean nearObject(MaskedPlane plane, int point) {
        int py = point / plane.width();
        int px = point % plane.width();
        for (int y = Math.max(0, py - tolerance); y <= Math.min(plane.height() - 1, py + tolerance); y++) {
            for (int x = Math.max(0, px - tolerance); x <= Math.min(plane.width() - 1, px + tolerance); x++) {
                int dy = y - py;
                int dx = x - px;
                if (dy * dy + dx * dx <= tolerance * tolerance && plane.object()[y * plane.width() + x]) {
                    return true;
                }
            }
        }
        return false;
    }
}
