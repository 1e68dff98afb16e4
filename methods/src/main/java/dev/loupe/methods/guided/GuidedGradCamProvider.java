package dev.loupe.methods.guided;

import dev.loupe.core.spi.SpiVersion;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.layer.LayerInfo;
import dev.loupe.core.layer.LayerSelector;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.GradientPass;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ReluRule;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.Interpolation;
import dev.loupe.core.tensor.Tensor;
import dev.loupe.methods.BuiltinMethod;
import dev.loupe.methods.PerImage;
import dev.loupe.methods.cam.GradCam;
import dev.loupe.methods.cam.CamFamilyProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Guided Grad-CAM (Selvaraju et al. 2017): guided backprop times the Grad-CAM map upsampled
 * bilinearly (half-pixel centres) to the input size, per channel. The raw Grad-CAM is used, not
 * pytorch-grad-cam's min-max normalised one: the product differs from theirs by the per-image
 * normalisation only, which render applies anyway.
 */
@Internal
public final class GuidedGradCamProvider implements ExplainerProvider {

    @Override
    public String name() {
        return "guided-grad-cam";
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
        return "Guided backprop multiplied by the upsampled Grad-CAM of a layer (Selvaraju et al. 2017).";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.of(GradCam.LAYER, GradCam.RELU);
    }

    @Override
    public Set<Capability> requiredCapabilities() {
        return Set.of(Capability.INPUT_GRADIENT, Capability.RELU_RULES, Capability.LAYER_ACTIVATION,
                Capability.LAYER_GRADIENT);
    }

    @Override
    public void checkModel(ExplainableModel model, Parameters parameters) {
        CamFamilyProvider.requireSpatial(name(), new LayerSelector(model.layers()).select(parameters.getString("layer")));
    }

    @Override
    public Explainer create(Parameters parameters) {
        String requestedLayer = parameters.getString("layer");
        boolean relu = parameters.getBoolean("relu");
        return context -> {
            LayerInfo layer = context.layers().select(requestedLayer);
            CamFamilyProvider.requireSpatial(name(), layer);
            Tensor input = context.scope().upload(context.images());
            GradientPass camPass = context.scope().gradients(input, HookSpec.layers(List.of(layer.path())), context.targets());
            int[] targets = camPass.targets();
            GradientPass guided = context.scope().gradients(input,
                    HookSpec.inputOnly().withReluRule(ReluRule.GUIDED), logits -> targets.clone());
            long[] shape = context.images().shape();
            Tensor cam = GradCam.map(camPass, layer.path(), relu)
                    .interpolate(shape[2], shape[3], Interpolation.BILINEAR)
                    .reshape(shape[0], 1, shape[2], shape[3]);
            Tensor product = guided.inputGradient().mul(cam);
            return PerImage.split(product.toHost(), Attribution.MapKind.INPUT, camPass, layer.path(), Map.of());
        };
    }
}
