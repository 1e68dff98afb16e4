package dev.loupe.methods.cam;

import dev.loupe.core.spi.SpiVersion;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.ExplainContext;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.layer.LayerInfo;
import dev.loupe.core.layer.LayerSelector;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ForwardPass;
import dev.loupe.core.model.GradientPass;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.Tensor;
import dev.loupe.methods.BuiltinMethod;
import dev.loupe.methods.PerImage;
import dev.loupe.methods.ResolvedTargets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CAM family's shared base, as pytorch-grad-cam's BaseCAM: pick the layer, take one pass that
 * captures it (with the target's gradient when the variant needs it), let the variant turn that
 * {@link LayerEvidence} into a raw (B, h, w) map, then apply the optional final ReLU. Each variant
 * defines only its {@link Formula}, usually channel weights. Normalisation and upsampling are
 * render steps, never done here.
 */
@Internal
public abstract class CamFamilyProvider implements ExplainerProvider {

    /** How a variant makes its map from the evidence: (B, h, w), before the final ReLU. */
    @FunctionalInterface
    protected interface Formula {
        Tensor map(LayerEvidence evidence);
    }

    /** Whether the variant needs d(target)/dA; if not, its pass is a forward only. */
    protected abstract boolean needsGradient();

    /** The variant's formula, configured from its validated parameters. */
    protected abstract Formula formula(Parameters parameters);

    /** The final ReLU's default: on, as in pytorch-grad-cam, unless the variant's paper says otherwise. */
    protected boolean reluByDefault() {
        return true;
    }

    /** Parameters beyond {@code layer} and {@code relu}. */
    protected List<ParameterDef> extraParameters() {
        return List.of();
    }

    /** Capabilities beyond capturing the layer (and its gradient when {@link #needsGradient()}). */
    protected Set<Capability> extraCapabilities() {
        return Set.of();
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
    public final ParameterSpec parameters() {
        List<ParameterDef> all = new ArrayList<>();
        all.add(GradCam.LAYER);
        all.add(ParameterDef.flag("relu", reluByDefault(), "Apply a ReLU to the weighted sum"
                + (reluByDefault() ? " (pytorch-grad-cam does); false keeps the signed map." : "; the paper keeps the signed map.")));
        all.addAll(extraParameters());
        return ParameterSpec.of(all.toArray(ParameterDef[]::new));
    }

    @Override
    public final Set<Capability> requiredCapabilities() {
        Set<Capability> needed = EnumSet.of(Capability.LAYER_ACTIVATION);
        needed.add(needsGradient() ? Capability.LAYER_GRADIENT : Capability.FORWARD);
        needed.addAll(extraCapabilities());
        return needed;
    }

    @Override
    public final Explainer create(Parameters parameters) {
        String requestedLayer = parameters.getString("layer");
        boolean relu = parameters.getBoolean("relu");
        Formula formula = formula(parameters);
        return context -> {
            LayerInfo layer = context.layers().select(requestedLayer);
            requireSpatial(name(), layer);
            LayerEvidence evidence = evidence(context, layer.path());
            Tensor map = formula.map(evidence);
            if (relu) {
                map = map.relu();
            }
            return PerImage.split(map.toHost(), Attribution.MapKind.LAYER, evidence.targets(), layer.path(), Map.of());
        };
    }

    @Override
    public void checkModel(ExplainableModel model, Parameters parameters) {
        requireSpatial(name(), new LayerSelector(model.layers()).select(parameters.getString("layer")));
    }

    private LayerEvidence evidence(ExplainContext context, String layer) {
        Tensor input = context.scope().upload(context.images());
        HookSpec hooks = HookSpec.layers(List.of(layer));
        if (needsGradient()) {
            GradientPass pass = context.scope().gradients(input, hooks, context.targets());
            return new LayerEvidence(context, layer, pass.activation(layer), pass.layerGradient(layer),
                    new ResolvedTargets(pass.targets(), pass.targetScores()));
        }
        ForwardPass pass = context.scope().forward(input, hooks);
        FloatArray logits = pass.logits().toHost();
        return new LayerEvidence(context, layer, pass.activation(layer), null,
                ResolvedTargets.fromLogits(logits, context.targets().resolve(logits)));
    }

    /** Refuses a layer whose output is not (batch, channels, height, width). */
    public static void requireSpatial(String method, LayerInfo layer) {
        long[] shape = layer.outputShape();
        if (shape == null || shape.length != 4) {
            throw new LoupeException(ErrorKind.INPUT, method + " needs a layer with a (batch, channels, height, width)"
                    + " output; '" + layer.path() + "' (" + layer.type() + ") gives "
                    + (shape == null ? "no single tensor" : Arrays.toString(shape))
                    + ". Pick a convolutional layer or block ('loupe layers' lists them).");
        }
    }
}
