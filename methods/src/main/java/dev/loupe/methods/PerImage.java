package dev.loupe.methods;

import dev.loupe.core.explain.Attribution;
import dev.loupe.core.model.GradientPass;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Splits a batch of maps into one {@link Attribution} per image. */
@Internal
public final class PerImage {

    private PerImage() {
    }

    public static List<Attribution> split(FloatArray maps, Attribution.MapKind kind, GradientPass pass, String layer,
            Map<String, Object> details) {
        return split(maps, kind, new ResolvedTargets(pass.targets(), pass.targetScores()), layer, details);
    }

    public static List<Attribution> split(FloatArray maps, Attribution.MapKind kind, ResolvedTargets resolved, String layer,
            Map<String, Object> details) {
        int[] targets = resolved.classes();
        float[] scores = resolved.scores();
        List<Attribution> result = new ArrayList<>(targets.length);
        for (int b = 0; b < targets.length; b++) {
            result.add(new Attribution(maps.slice(b), kind, targets[b], scores[b], layer, details));
        }
        return result;
    }
}
