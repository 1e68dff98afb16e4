package dev.loupe.methods.gradient;

import dev.loupe.core.spi.SpiVersion;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.model.Capability;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.ParameterException;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.NoiseSource;
import dev.loupe.methods.BuiltinMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * SmoothGrad, SmoothGrad^2 and VarGrad around saliency, input-x-gradient, guided-backprop or
 * integrated-gradients (see {@link SmoothGrad} for the definitions and the noise order). Noise
 * comes from {@link NoiseSource#seeded(long)}, on the host, so every backend sees the same noise
 * for the same seed; the seed, the number of samples and each image's noise standard deviation
 * are in the details. The integrated-gradients base takes {@code ig-steps} and {@code ig-method}
 * and a zero baseline.
 */
@Internal
public final class SmoothGradProvider implements ExplainerProvider {

    static final String NAME = "smoothgrad";

    /** The base methods, by their method names. */
    enum Base {
        SALIENCY("saliency"), INPUT_X_GRADIENT("input-x-gradient"), GUIDED_BACKPROP("guided-backprop"),
        INTEGRATED_GRADIENTS(IntegratedGradientsProvider.NAME);

        private final String id;

        Base(String id) {
            this.id = id;
        }

        String id() {
            return id;
        }

        static Base of(String id) {
            return Arrays.stream(values()).filter(b -> b.id.equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown base '" + id + "'"));
        }
    }

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
        return "A gradient method averaged over noisy copies of the input (Smilkov et al. 2017), or its square or variance.";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.of(
                ParameterDef.choice("base", Base.SALIENCY.id(), Arrays.stream(Base.values()).map(Base::id).toList(),
                        "The method applied to each noisy copy."),
                ParameterDef.choice("variant", SmoothGrad.Variant.SMOOTHGRAD.id(),
                        Arrays.stream(SmoothGrad.Variant.values()).map(SmoothGrad.Variant::id).toList(),
                        "smoothgrad: mean; smoothgrad-sq: mean of squares; vargrad: variance (mean of squares - squared mean)."),
                ParameterDef.integer("samples", 50, 1, 10_000, "Number of noisy copies per image."),
                ParameterDef.number("sigma", 0.15, 0, 10,
                        "Noise standard deviation as a fraction of each image's value range (x.max - x.min)."),
                ParameterDef.integer("seed", 0, 0, Integer.MAX_VALUE, "Seed of the host noise generator."),
                IntegratedGradientsProvider.batchSize(),
                IntegratedGradientsProvider.steps("ig-steps"),
                IntegratedGradientsProvider.rule("ig-method"));
    }

    @Override
    public Set<Capability> requiredCapabilities() {
        return Set.of(Capability.FORWARD, Capability.INPUT_GRADIENT);
    }

    @Override
    public Explainer create(Parameters parameters) {
        return create(parameters, NoiseSource::seeded);
    }

    /**
     * The explainer with noise from {@code noise} instead of {@link NoiseSource#seeded(long)}: a
     * test or another backend's parity check replays the exact noise of a reference with it.
     * {@code noise} is applied to the seed once per image.
     */
    public Explainer create(Parameters parameters, LongFunction<NoiseSource> noise) {
        Objects.requireNonNull(noise, "noise");
        List<String> problems = new ArrayList<>();
        Base base = Base.of(parameters.getString("base"));
        IntegratedGradients integrated = null;
        if (base == Base.INTEGRATED_GRADIENTS) {
            Quadrature quadrature = IntegratedGradientsProvider.quadrature(parameters, "ig-steps", "ig-method", problems);
            integrated = quadrature == null ? null : new IntegratedGradients(quadrature);
        } else {
            for (String ig : List.of("ig-steps", "ig-method")) {
                Object given = parameters.asMap().get(ig);
                Object standard = parameters().definitions().stream().filter(d -> d.name().equals(ig)).findFirst()
                        .orElseThrow().defaultValue();
                if (!given.equals(standard)) {
                    problems.add("'" + ig + "' is only used with base: " + Base.INTEGRATED_GRADIENTS.id()
                            + " (base is " + base.id() + ")");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ParameterException(NAME, problems);
        }
        SingleGradientMethod single = switch (base) {
            case SALIENCY -> SingleGradientMethod.SALIENCY;
            case INPUT_X_GRADIENT -> SingleGradientMethod.INPUT_X_GRADIENT;
            case GUIDED_BACKPROP -> SingleGradientMethod.GUIDED_BACKPROP;
            case INTEGRATED_GRADIENTS -> null;
        };
        return new SmoothGrad(single, integrated, SmoothGrad.Variant.of(parameters.getString("variant")),
                parameters.getInt("samples"), parameters.getDouble("sigma"), parameters.getInt("seed"),
                parameters.getInt("batch-size"), noise);
    }
}
