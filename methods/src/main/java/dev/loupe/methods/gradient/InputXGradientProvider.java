package dev.loupe.methods.gradient;

import dev.loupe.core.spi.SpiVersion;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.GradientPass;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.Tensor;
import dev.loupe.methods.BuiltinMethod;
import dev.loupe.methods.PerImage;
import java.util.Map;
import java.util.Set;

/**
 * Input x Gradient (Shrikumar et al. 2016; Captum's InputXGradient): {@code x * dy_c/dx}, raw,
 * signed and per channel, in the model's normalised input units. One forward and backward pass
 * for the whole batch.
 */
@Internal
public final class InputXGradientProvider implements ExplainerProvider {

    @Override
    public String name() {
        return "input-x-gradient";
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
        return "The input times the gradient of the target logit with respect to it, per pixel and channel.";
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
            Tensor images = context.scope().upload(context.images());
            SingleGradientMethod method = SingleGradientMethod.INPUT_X_GRADIENT;
            GradientPass pass = context.scope().gradients(images, method.hooks(), context.targets());
            Tensor maps = method.attribution(images, pass.inputGradient());
            return PerImage.split(maps.toHost(), Attribution.MapKind.INPUT, pass, null, Map.of());
        };
    }
}
