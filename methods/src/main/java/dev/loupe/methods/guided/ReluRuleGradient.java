package dev.loupe.methods.guided;

import dev.loupe.core.spi.SpiVersion;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.GradientPass;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ReluRule;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.methods.BuiltinMethod;
import dev.loupe.methods.PerImage;
import java.util.Map;
import java.util.Set;

/**
 * The input gradient of the target logit with the backward through every ReLU following one
 * {@link ReluRule}: a raw, signed (C, H, W) map per image, as Captum's GuidedBackprop /
 * Deconvolution return it (before any abs or normalisation, which are render steps).
 */
abstract class ReluRuleGradient implements ExplainerProvider {

    private final ReluRule rule;

    ReluRuleGradient(ReluRule rule) {
        this.rule = rule;
    }

    @Override
    public String version() {
        return BuiltinMethod.version();
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.of();
    }

    @Override
    public Set<Capability> requiredCapabilities() {
        return Set.of(Capability.INPUT_GRADIENT, Capability.RELU_RULES);
    }

    @Override
    public Explainer create(Parameters parameters) {
        return context -> {
            GradientPass pass = context.scope().gradients(context.scope().upload(context.images()),
                    HookSpec.inputOnly().withReluRule(rule), context.targets());
            return PerImage.split(pass.inputGradient().toHost(), Attribution.MapKind.INPUT, pass, null,
                    Map.of("relu_rule", rule.name().toLowerCase(java.util.Locale.ROOT)));
        };
    }
}
