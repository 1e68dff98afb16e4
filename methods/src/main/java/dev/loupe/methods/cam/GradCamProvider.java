package dev.loupe.methods.cam;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.layer.LayerInfo;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.GradientPass;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.tensor.Tensor;
import dev.loupe.methods.BuiltinMethod;
import dev.loupe.methods.PerImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grad-CAM (Selvaraju et al. 2017): channel weights are the spatial mean of the target's
 * gradient at the layer, the map is ReLU(sum_k w_k A^k) at the layer's resolution. As in
 * pytorch-grad-cam the ReLU is on by default; {@code relu: false} keeps the signed sum, as
 * Captum's LayerGradCam does by default. No normalisation or upsampling here: render does that.
 */
public final class GradCamProvider implements ExplainerProvider {

    @Override
    public String name() {
        return "grad-cam";
    }

    @Override
    public String version() {
        return BuiltinMethod.version();
    }

    @Override
    public String description() {
        return "Gradient-weighted class activation map of a convolutional layer (Selvaraju et al. 2017).";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.of(GradCam.LAYER, GradCam.RELU);
    }

    @Override
    public Set<Capability> requiredCapabilities() {
        return Set.of(Capability.LAYER_ACTIVATION, Capability.LAYER_GRADIENT);
    }

    @Override
    public Explainer create(Parameters parameters) {
        String requestedLayer = parameters.getString("layer");
        boolean relu = parameters.getBoolean("relu");
        return context -> {
            LayerInfo layer = context.layers().select(requestedLayer);
            requireSpatial(layer);
            GradientPass pass = context.scope().gradients(
                    context.scope().upload(context.images()), HookSpec.layers(List.of(layer.path())), context.targets());
            Tensor cam = GradCam.map(pass, layer.path(), relu);
            return PerImage.split(cam.toHost(), Attribution.MapKind.LAYER, pass, layer.path(), Map.of());
        };
    }

    public static void requireSpatial(LayerInfo layer) {
        long[] shape = layer.outputShape();
        if (shape == null || shape.length != 4) {
            throw new LoupeException(ErrorKind.INPUT, "Grad-CAM needs a layer with a (batch, channels, height, width)"
                    + " output; '" + layer.path() + "' (" + layer.type() + ") gives " + Arrays.toString(shape)
                    + ". Pick a convolutional layer or block ('loupe layers' lists them).");
        }
    }
}
