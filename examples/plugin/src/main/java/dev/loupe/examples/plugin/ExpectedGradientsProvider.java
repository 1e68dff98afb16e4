package dev.loupe.examples.plugin;

import dev.loupe.core.spi.SpiVersion;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.model.Capability;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.ExplainerProvider;
import java.util.Set;

/**
 * Expected Gradients (Erion et al. 2021): Integrated Gradients averaged over baselines drawn from
 * a reference distribution, one random point on each path. This example draws the baselines
 * from a Gaussian in the model's normalised input space (0 is the mean colour).
 */
public final class ExpectedGradientsProvider implements ExplainerProvider {

    @Override
    public String name() {
        return "expected-gradients";
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
        return "Expected Gradients: (x - x') * grad f(x' + a (x - x')), averaged over Gaussian baselines x' and a ~ U(0, 1).";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.of(
                ParameterDef.integer("samples", 64, 1, 100_000, "Baseline and path-point draws per image."),
                ParameterDef.number("sigma", 1.0, 0.0, 100.0, "Standard deviation of the Gaussian baselines, in normalised input units."),
                ParameterDef.integer("seed", 0, 0, Integer.MAX_VALUE, "Seed of the draws; every image gets the same draws."),
                ParameterDef.integer("batch-size", 16, 1, 4096, "Path points per gradient pass."));
    }

    @Override
    public Set<Capability> requiredCapabilities() {
        return Set.of(Capability.FORWARD, Capability.INPUT_GRADIENT);
    }

    @Override
    public Explainer create(Parameters parameters) {
        return new ExpectedGradients(parameters.getInt("samples"), parameters.getDouble("sigma"),
                parameters.getInt("seed"), parameters.getInt("batch-size"));
    }
}
