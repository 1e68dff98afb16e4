package dev.loupe.core.spi;

import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.evaluate.MetricDirection;
import dev.loupe.core.model.Capability;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.stability.Experimental;
import java.util.Set;

/**
 * An evaluation metric plugin, found through {@link java.util.ServiceLoader} exactly as methods
 * are: list the implementation in {@code META-INF/services/dev.loupe.core.spi.MetricProvider}.
 * The name must match {@code ^[a-z][a-z0-9-]*$} and be unique among all metric providers.
 */
@Experimental
public interface MetricProvider {

    String name();

    String version();

    /**
     * The plugin SPI version this provider was built against: return {@link SpiVersion#CURRENT},
     * a constant the compiler copies into the provider, so it stays what it was at build time.
     * An incompatible provider is refused with a message naming it and its jar; the others load.
     */
    String spiVersion();

    /** One sentence for {@code loupe metrics}. */
    String description();

    /** Whether a higher or a lower per-image value means a better explanation. */
    MetricDirection direction();

    ParameterSpec parameters();

    /** What the model must support beyond a forward pass (e.g. parameter randomisation). */
    Set<Capability> requiredCapabilities();

    /** A configured metric; {@code parameters} were validated against {@link #parameters()}. */
    Metric create(Parameters parameters);
}
