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
import java.util.List;
import java.util.Set;

/**
 * {@code sanity-model-randomization}: the rank correlation between a method's maps before and
 * after cascading randomisation of the model's parameters (Adebayo et al. 2018). The value is the
 * correlation once the whole cascade is randomised (or, with {@code value: mean}, its mean over
 * the steps); a method passes when it is below the
 * threshold (default 0.5: at most a moderate rank agreement with a map of the trained model).
 */
@Internal
public final class ModelRandomizationProvider implements MetricProvider {

    static final ParameterDef THRESHOLD = ParameterDef.number("threshold", 0.5, -1, 1,
            "A method passes when its (final) Spearman correlation is below this.");
    static final ParameterDef ABSOLUTE = ParameterDef.flag("absolute", true,
            "Compare |map| (summed over channels) rather than the signed map.");

    @Override
    public String name() {
        return "sanity-model-randomization";
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
        return "Spearman correlation (and SSIM) of the maps before and after randomising the model's layers "
                + "from the output down (Adebayo et al. 2018).";
    }

    @Override
    public MetricDirection direction() {
        return MetricDirection.LOWER_IS_BETTER;
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.of(THRESHOLD, ABSOLUTE,
                ParameterDef.integer("layers-per-step", 1, 1, 10_000, "How many more layers each cascade step randomises."),
                ParameterDef.integer("max-steps", 0, 0, 10_000, "Stop the cascade after this many steps (0: until every layer is randomised)."),
                ParameterDef.choice("value", "final", List.of("final", "mean"),
                        "The correlation after the last step, or its mean over the steps."));
    }

    @Override
    public Set<Capability> requiredCapabilities() {
        return Set.of(Capability.PARAMETER_RANDOMIZATION);
    }

    @Override
    public Metric create(Parameters parameters) {
        return new ModelRandomization(parameters.getDouble("threshold"), parameters.getBoolean("absolute"),
                parameters.getInt("layers-per-step"), parameters.getInt("max-steps"), parameters.getString("value").equals("mean"));
    }
}
