package dev.loupe.examples.plugin;

import dev.loupe.core.spi.SpiVersion;
import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.evaluate.MetricDirection;
import dev.loupe.core.model.Capability;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.MetricProvider;
import java.util.List;
import java.util.Set;

/**
 * Sparseness (Chalasani et al. 2020): the Gini index of the map's magnitudes. 0 when every
 * pixel carries the same weight, (n - 1) / n when one pixel carries it all. It needs no
 * forward pass: it says how concentrated a map is, not whether it is right.
 */
public final class SparsenessProvider implements MetricProvider {

    @Override
    public String name() {
        return "sparseness";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "Gini index of |map| over pixels (Chalasani et al. 2020): 0 = spread evenly, near 1 = concentrated.";
    }

    @Override
    public MetricDirection direction() {
        return MetricDirection.HIGHER_IS_BETTER;
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.of(ParameterDef.choice("reduction", "abs-sum", List.of("abs-sum", "abs-max"),
                "How a (C, H, W) map becomes one magnitude per pixel."));
    }

    @Override
    public Set<Capability> requiredCapabilities() {
        return Set.of();
    }

    @Override
    public Metric create(Parameters parameters) {
        return new Sparseness("abs-max".equals(parameters.getString("reduction")));
    }
}
