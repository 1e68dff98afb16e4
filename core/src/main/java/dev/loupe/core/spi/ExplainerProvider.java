package dev.loupe.core.spi;

import dev.loupe.core.explain.Explainer;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.stability.Stable;
import java.util.Set;

/**
 * A method plugin, found through {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.loupe.core.spi.ExplainerProvider}. The name must match
 * {@code ^[a-z][a-z0-9-]*$} and be unique among all providers on the class path.
 */
@Stable
public interface ExplainerProvider {

    String name();

    String version();

    /**
     * The plugin SPI version this provider was built against: return {@link SpiVersion#CURRENT},
     * a constant the compiler copies into the provider, so it stays what it was at build time.
     * An incompatible provider is refused with a message naming it and its jar; the others load.
     */
    String spiVersion();

    /** One sentence for {@code loupe methods}. */
    String description();

    ParameterSpec parameters();

    /** What the model must support, checked before any work starts. */
    Set<Capability> requiredCapabilities();

    /** A configured explainer; {@code parameters} were validated against {@link #parameters()}. */
    Explainer create(Parameters parameters);

    /**
     * Checks what can be known from the model alone (its layers' shapes, its input size) before
     * any image is read, so that a batch run refuses a bad combination up front instead of failing
     * on every image. Throws a {@link dev.loupe.core.LoupeException} naming the problem and the fix.
     */
    default void checkModel(ExplainableModel model, Parameters parameters) {
    }
}
