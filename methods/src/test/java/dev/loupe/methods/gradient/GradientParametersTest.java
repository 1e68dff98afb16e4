package dev.loupe.methods.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.ParameterException;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.spi.ExplainerProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Names, defaults and strict validation of the gradient methods' parameters. */
class GradientParametersTest {

    private static final ExplainerRegistry REGISTRY = ExplainerRegistry.load();

    private static Map<String, Object> defaults(String method) {
        return REGISTRY.get(method).parameters().definitions().stream()
                .collect(Collectors.toMap(ParameterDef::name, ParameterDef::defaultValue, (a, b) -> a, LinkedHashMap::new));
    }

    private static ParameterException rejected(String method, Map<String, ?> params) {
        ExplainerProvider provider = REGISTRY.get(method);
        return assertThrows(ParameterException.class,
                () -> provider.create(provider.parameters().validate(method, params)), method + " " + params);
    }

    @Test
    void methodsAreRegisteredWithTheirDefaults() {
        assertEquals(Map.of(), defaults("input-x-gradient"));
        assertEquals(Map.of("baseline", "zeros", "baseline-value", 0.0, "blur-sigma", 5.0, "baseline-image", "",
                "steps", 50L, "method", "gauss-legendre", "batch-size", 16L), defaults("integrated-gradients"));
        assertEquals(Map.of("base", "saliency", "variant", "smoothgrad", "samples", 50L, "sigma", 0.15, "seed", 0L,
                "batch-size", 16L, "ig-steps", 50L, "ig-method", "gauss-legendre"), defaults("smoothgrad"));
        assertEquals(java.util.List.of("saliency", "input-x-gradient", "guided-backprop", "integrated-gradients"),
                REGISTRY.get("smoothgrad").parameters().definitions().get(0).choices());
    }

    @Test
    void unknownBaseAndBadVariantAreRejectedWithTheChoices() {
        ParameterException base = rejected("smoothgrad", Map.of("base", "grad-cam"));
        assertTrue(base.getMessage().contains("'base'") && base.getMessage().contains("saliency, input-x-gradient, guided-backprop,"
                + " integrated-gradients"), base.getMessage());
        ParameterException variant = rejected("smoothgrad", Map.of("variant", "var-grad"));
        assertTrue(variant.getMessage().contains("Did you mean 'vargrad'"), variant.getMessage());
        ParameterException both = rejected("smoothgrad", Map.of("variant", "mean", "base", "x", "samples", 0));
        assertEquals(3, both.problems().size(), both.problems().toString());
    }

    @Test
    void parametersOfAnotherSettingAreRejected() {
        String steps = rejected("smoothgrad", Map.of("steps", 10)).getMessage();
        assertTrue(steps.contains("unknown parameter 'steps'") && steps.contains("ig-steps"), steps);
        assertTrue(rejected("smoothgrad", Map.of("ig-steps", 10)).getMessage()
                .contains("'ig-steps' is only used with base: integrated-gradients"));
        assertTrue(rejected("smoothgrad", Map.of("base", "input-x-gradient", "ig-method", "riemann-left")).getMessage()
                .contains("'ig-method' is only used with base: integrated-gradients"));
        assertTrue(rejected("integrated-gradients", Map.of("baseline-value", 0.5)).getMessage()
                .contains("'baseline-value' is only used with baseline: constant"));
        assertTrue(rejected("integrated-gradients", Map.of("baseline", "constant", "blur-sigma", 2)).getMessage()
                .contains("'blur-sigma' is only used with baseline: blur"));
    }

    @Test
    void rangesAndRuleMinimaAreChecked() {
        assertTrue(rejected("integrated-gradients", Map.of("method", "riemann-trapezoid", "steps", 1)).getMessage()
                .contains("riemann-trapezoid needs at least 2 steps"));
        assertTrue(rejected("smoothgrad", Map.of("base", "integrated-gradients", "ig-method", "riemann-trapezoid",
                "ig-steps", 1)).getMessage().contains("'ig-steps': riemann-trapezoid needs at least 2 steps"));
        rejected("integrated-gradients", Map.of("steps", 0));
        rejected("integrated-gradients", Map.of("batch-size", 0));
        rejected("integrated-gradients", Map.of("baseline", "blur", "blur-sigma", 0));
        rejected("integrated-gradients", Map.of("method", "simpson"));
        rejected("smoothgrad", Map.of("samples", 0));
        rejected("smoothgrad", Map.of("sigma", -0.1));
        rejected("smoothgrad", Map.of("seed", -1));
        rejected("input-x-gradient", Map.of("steps", 3));
    }

    @Test
    void acceptedCombinationsCreateExplainers() {
        for (Map<String, ?> ok : java.util.List.<Map<String, ?>>of(
                Map.of("baseline", "constant", "baseline-value", -1.5),
                Map.of("baseline", "blur", "blur-sigma", 2.5, "method", "riemann-trapezoid", "steps", 2),
                Map.of("method", "riemann-left", "steps", 1))) {
            ExplainerProvider ig = REGISTRY.get("integrated-gradients");
            ig.create(ig.parameters().validate("integrated-gradients", ok));
        }
        ExplainerProvider sg = REGISTRY.get("smoothgrad");
        sg.create(sg.parameters().validate("smoothgrad", Map.of("base", "integrated-gradients", "ig-steps", 8,
                "ig-method", "riemann-right", "variant", "smoothgrad-sq", "seed", 7)));
    }
}
