package dev.loupe.metrics.localisation;

import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.stability.Internal;
import dev.loupe.metrics.MapPlane;

/** {@code energy-pointing-game}: see {@link EnergyPointingGame}. */
@Internal
public final class EnergyPointingGameProvider extends LocalisationProvider {

    @Override
    public String name() {
        return "energy-pointing-game";
    }

    @Override
    public String description() {
        return "Energy pointing game: the share of the map's positive mass on the ground-truth object; needs masks.";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.of(MapPlane.parameter("abs-max"));
    }

    @Override
    public Metric create(Parameters p) {
        return new EnergyPointingGame(MapPlane.Reduction.parse(p.getString(MapPlane.PARAMETER)));
    }
}
