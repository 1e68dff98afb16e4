package dev.loupe.metrics.sanity;

import dev.loupe.core.spi.SpiVersion;
import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.evaluate.MetricDirection;
import dev.loupe.core.model.Capability;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.MetricProvider;
import dev.loupe.core.stability.Internal;
import java.util.Set;

/**
 * {@code sanity-random-label}: the rank correlation between the map of the target class and the
 * map of a random other class. A method that ignores the class gives the same map (correlation 1).
 */
@Internal
public final class RandomLabelProvider implements MetricProvider {

    @Override
    public String name() {
        return "sanity-random-label";
    }

    @Override
    public String version() {
        return SanityVersion.get();
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "Spearman correlation (and SSIM) between the map of the target and the map of a random other class.";
    }

    @Override
    public MetricDirection direction() {
        return MetricDirection.LOWER_IS_BETTER;
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.of(ModelRandomizationProvider.THRESHOLD, ModelRandomizationProvider.ABSOLUTE);
    }

    @Override
    public Set<Capability> requiredCapabilities() {
        return Set.of();
    }

    @Override
    public Metric create(Parameters parameters) {
        return new RandomLabel(parameters.getDouble("threshold"), parameters.getBoolean("absolute"));
    }
}
