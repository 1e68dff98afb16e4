package dev.loupe.metrics.localisation;

import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.stability.Internal;
import dev.loupe.metrics.MapPlane;

/** {@code pointing-game}: see {@link PointingGame}. */
@Internal
public final class PointingGameProvider extends LocalisationProvider {

    @Override
    public String name() {
        return "pointing-game";
    }

    @Override
    public String description() {
        return "Pointing game: 1 when the map's maximum lies on the ground-truth object (within a tolerance), else 0;"
                + " needs masks.";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.of(
                ParameterDef.integer("tolerance", 15, 0, 10_000,
                        "pixels the maximum may lie off the object and still hit (TorchRay, pytorch-grad-cam: 15)"),
                MapPlane.parameter("abs-max"));
    }

    @Override
    public Metric create(Parameters p) {
        return new PointingGame(p.getInt("tolerance"), MapPlane.Reduction.parse(p.getString(MapPlane.PARAMETER)));
    }
}
