package dev.loupe.methods.gradient;

import dev.loupe.core.spi.SpiVersion;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.Scope;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.ParameterException;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.methods.BuiltinMethod;
import dev.loupe.methods.ResolvedTargets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Integrated Gradients (Sundararajan et al. 2017) with Captum's defaults: zero baseline, 50
 * Gauss-Legendre points. Each image's target is resolved once from the real image; every
 * interpolation point is differentiated for that class. The completeness delta
 * {@code sum(attribution) - (y_c(x) - y_c(x'))} is reported per image in the details
 * ({@code completeness-delta}, with {@code baseline-score} = y_c(x')): it shrinks as the rule
 * gets finer, and a large value says the steps are too few.
 */
@Internal
public final class IntegratedGradientsProvider implements ExplainerProvider {

    static final String NAME = "integrated-gradients";
    static final int DEFAULT_STEPS = 50;
    static final int MAX_STEPS = 10_000;
    static final int DEFAULT_BATCH_SIZE = 16;
    static final int MAX_BATCH_SIZE = 4096;
    static final double DEFAULT_BLUR_SIGMA = 5;

    @Override
    public String name() {
        return NAME;
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
        return "Path integral of the input gradient from a baseline to the input (Sundararajan et al. 2017).";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.of(
                ParameterDef.choice("baseline", "zeros", Arrays.stream(Baseline.Kind.values()).map(Baseline.Kind::id).toList(),
                        "The reference input x': zeros, a constant (baseline-value), the input blurred (blur-sigma),"
                                + " or an image file (baseline-image)."),
                ParameterDef.string("baseline-image", "",
                        "Image file used as the baseline with baseline: image; preprocessed like the explained images."),
                ParameterDef.number("baseline-value", 0, -1e6, 1e6,
                        "The value of a constant baseline, in normalised input units (0 is the per-channel mean colour)."),
                ParameterDef.number("blur-sigma", DEFAULT_BLUR_SIGMA, 0.1, 1e4,
                        "Standard deviation in pixels of the Gaussian blur baseline (scipy gaussian_filter, reflect borders)."),
                steps("steps"),
                rule("method"),
                batchSize());
    }

    static ParameterDef steps(String name) {
        return ParameterDef.integer(name, DEFAULT_STEPS, 1, MAX_STEPS,
                "Number of points of the integration rule (gradient evaluations per image).");
    }

    static ParameterDef rule(String name) {
        return ParameterDef.choice(name, Quadrature.Rule.GAUSS_LEGENDRE.id(), Quadrature.Rule.ids(),
                "Integration rule along the path (Captum's points; gauss-legendre is Captum's default).");
    }

    static ParameterDef batchSize() {
        return ParameterDef.integer("batch-size", DEFAULT_BATCH_SIZE, 1, MAX_BATCH_SIZE,
                "Inputs per forward/backward pass; memory is that of one pass whatever the steps or samples.");
    }

    /** The rule named by {@code ruleParam} with {@code stepsParam} points; a problem is added when they do not fit. */
    static Quadrature quadrature(Parameters parameters, String stepsParam, String ruleParam, List<String> problems) {
        Quadrature.Rule rule = Quadrature.Rule.of(parameters.getString(ruleParam));
        int steps = parameters.getInt(stepsParam);
        if (steps < rule.minimumSteps()) {
            problems.add("'" + stepsParam + "': " + rule.id() + " needs at least " + rule.minimumSteps()
                    + " steps, got " + steps);
            return null;
        }
        return Quadrature.of(rule, steps);
    }

    @Override
    public Set<Capability> requiredCapabilities() {
        return Set.of(Capability.FORWARD, Capability.INPUT_GRADIENT);
    }

    @Override
    public Explainer create(Parameters parameters) {
        List<String> problems = new ArrayList<>();
        Quadrature quadrature = quadrature(parameters, "steps", "method", problems);
        Baseline baseline = baseline(parameters, problems);
        if (!problems.isEmpty()) {
            throw new ParameterException(NAME, problems);
        }
        IntegratedGradients method = new IntegratedGradients(quadrature);
        int batchSize = parameters.getInt("batch-size");
        return context -> {
            ResolvedTargets targets = ResolvedTargets.of(context);
            FloatArray images = context.images();
            FloatArray baselines = baseline.of(images, context.imageSource());
            Scope scope = context.scope();
            FloatArray baselineLogits = scope.forward(scope.upload(baselines), HookSpec.none()).logits().toHost();
            int classes = (int) baselineLogits.dim(1);
            InputGradients engine = new InputGradients(context.model(), batchSize);
            List<Attribution> result = new ArrayList<>();
            for (int b = 0; b < images.dim(0); b++) {
                int target = targets.classes()[b];
                FloatArray map = method.attribute(engine.reporting(context.progress().part(b, (int) images.dim(0))),
                        images.slice(b), baselines.slice(b), target);
                float baselineScore = baselineLogits.data()[b * classes + target];
                double total = 0;
                for (float v : map.data()) {
                    total += v;
                }
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("completeness-delta", total - ((double) targets.scores()[b] - baselineScore));
                details.put("baseline-score", (double) baselineScore);
                result.add(new Attribution(map, Attribution.MapKind.INPUT, target, targets.scores()[b], null, details));
            }
            return result;
        };
    }

    private static Baseline baseline(Parameters parameters, List<String> problems) {
        String kind = parameters.getString("baseline");
        double value = parameters.getDouble("baseline-value");
        double sigma = parameters.getDouble("blur-sigma");
        if (value != 0 && !kind.equals(Baseline.Kind.CONSTANT.id())) {
            problems.add("'baseline-value' is only used with baseline: constant (baseline is " + kind + ")");
        }
        if (sigma != DEFAULT_BLUR_SIGMA && !kind.equals(Baseline.Kind.BLUR.id())) {
            problems.add("'blur-sigma' is only used with baseline: blur (baseline is " + kind + ")");
        }
        String image = parameters.getString("baseline-image");
        if (!image.isEmpty() && !kind.equals(Baseline.Kind.IMAGE.id())) {
            problems.add("'baseline-image' is only used with baseline: image (baseline is " + kind + ")");
        }
        if (image.isEmpty() && kind.equals(Baseline.Kind.IMAGE.id())) {
            problems.add("baseline: image needs 'baseline-image', the image file to start the path from");
        }
        return switch (Baseline.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT))) {
            case ZEROS -> new Baseline.Constant(0);
            case CONSTANT -> new Baseline.Constant(value);
            case BLUR -> new Baseline.Blur(sigma);
            case IMAGE -> new Baseline.ImageFile(image);
        };
    }
}
