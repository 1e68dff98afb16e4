package dev.loupe.methods.gradient;

import dev.loupe.core.spi.SpiVersion;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.GradientPass;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.stability.Internal;
import dev.loupe.methods.BuiltinMethod;
import dev.loupe.methods.PerImage;
import java.util.Map;
import java.util.Set;

/**
 * Vanilla gradient (Simonyan et al. 2013): d(target logit)/d(input), signed and per channel.
 * Captum's Saliency takes |.| by default; here the raw gradient is kept and the absolute value
 * is a render choice (the default channel reduction is abs-max).
 */
@Internal
public final class SaliencyProvider implements ExplainerProvider {

    @Override
    public String name() {
        return "saliency";
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
    public String description() {
        return "Vanilla gradient of the target logit with respect to the input pixels (Simonyan et al. 2013).";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.of();
    }

    @Override
    public Set<Capability> requiredCapabilities() {
        return Set.of(Capability.INPUT_GRADIENT);
    }

    @Override
    public Explainer create(Parameters parameters) {
        return context -> {
            GradientPass pass = context.scope().gradients(
                    context.scope().upload(context.images()), HookSpec.inputOnly(), context.targets());
            return PerImage.split(pass.inputGradient().toHost(), Attribution.MapKind.INPUT, pass, null, Map.of());
        };
    }
}
