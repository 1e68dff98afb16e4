package dev.loupe.core.registry;

import dev.loupe.core.explain.Explainer;
import dev.loupe.core.model.Capability;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import java.util.List;
import java.util.Set;

/**
 * A method provider that {@link ExplainerRegistryTest} copies into a plugin jar built for the next major SPI version
 * and loads through {@link java.util.ServiceLoader}. It is named {@value #NAME}.
 */
public final class PluginProviderFuture implements dev.loupe.core.spi.ExplainerProvider {

    public static final String NAME = "future-method";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1.0-A";
    }

    @Override
    public String spiVersion() {
        return (dev.loupe.core.spi.SpiVersion.MAJOR + 1) + ".0";
    }

    @Override
    public String description() {
        return "A plugin method for tests.";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.of();
    }

    @Override
    public Set<Capability> requiredCapabilities() {
        return Set.of(Capability.FORWARD);
    }

    @Override
    public Explainer create(Parameters parameters) {
        return context -> List.of();
    }
}
