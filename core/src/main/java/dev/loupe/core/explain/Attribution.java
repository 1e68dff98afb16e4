package dev.loupe.core.explain;

import dev.loupe.core.stability.Stable;
import dev.loupe.core.tensor.FloatArray;
import java.util.Map;

/**
 * One image's raw attribution map, as the method's formula gives it: signed, not normalised,
 * at its natural resolution ((C, H, W) for input methods, (h, w) at the layer for CAMs).
 * Reduction, normalisation, upsampling and colour are render steps.
 *
 * @param target the class explained
 * @param score the target's logit for the unperturbed image
 * @param layer the layer a layer method used, or {@code null}
 * @param details method-specific facts for provenance (e.g. a convergence delta)
 */
@Stable
public record Attribution(FloatArray map, MapKind kind, int target, float score, String layer, Map<String, Object> details) {

    public Attribution {
        details = Map.copyOf(details);
        if (kind == MapKind.INPUT && map.rank() != 3 || kind == MapKind.LAYER && map.rank() != 2) {
            throw new IllegalArgumentException(kind + " map must be " + (kind == MapKind.INPUT ? "(C, H, W)" : "(h, w)")
                    + ", got " + map);
        }
    }

    /** Whether the map is at input resolution (per channel) or at a layer's resolution. */
    public enum MapKind {
        INPUT,
        LAYER
    }
}
