package dev.loupe.metrics.localisation;

import dev.loupe.core.spi.SpiVersion;
import dev.loupe.core.evaluate.MetricDirection;
import dev.loupe.core.model.Capability;
import dev.loupe.core.spi.MetricProvider;
import java.util.Set;

/** What the two localisation metrics share: they need masks, no model pass, and higher is better. */
abstract class LocalisationProvider implements MetricProvider {

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public MetricDirection direction() {
        return MetricDirection.HIGHER_IS_BETTER;
    }

    @Override
    public Set<Capability> requiredCapabilities() {
        return Set.of();
    }
}
