package dev.loupe.bench;

import dev.loupe.core.spi.SpiVersion;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.ExplainContext;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ReluRule;
import dev.loupe.core.model.Scope;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.NoiseSource;
import dev.loupe.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Methods for the fake engine: one that makes every kind of engine call, and two that cannot run. */
final class FakeMethods {

    private FakeMethods() {
    }

    /**
     * For a batch of B images: upload, forward; in a nested scope, 2 noisy copies of the first
     * image (an upload, a randomNormal, arithmetic) through a guided gradient pass; a scaled
     * forward with an uploaded factor; a gradient pass with a layer capture at the context's targets.
     */
    static final Explainer MIXED = context -> {
        Scope scope = context.scope();
        FloatArray images = context.images();
        long b = images.dim(0);
        Tensor x = scope.upload(images);
        scope.forward(x, HookSpec.none());
        try (Scope inner = context.model().openScope()) {
            Tensor first = inner.upload(images.slice(0).reshape(1, 3, 4, 4));
            Tensor noisy = first.add(inner.randomNormal(NoiseSource.seeded(1), 0, 0.1, 2, 3, 4, 4));
            inner.gradients(noisy, HookSpec.inputOnly().withReluRule(ReluRule.GUIDED), logits -> new int[] {2, 2});
        }
        scope.forwardScaled(x, "layer1", scope.upload(FloatArray.zeros(b, 2, 1, 1)));
        int[] targets = scope.gradients(x, HookSpec.layers(List.of("layer1")), context.targets()).targets();
        List<Attribution> maps = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            maps.add(new Attribution(FloatArray.zeros(3, 4, 4), Attribution.MapKind.INPUT, targets[i], 0f, null, Map.of()));
        }
        return maps;
    };

    static ExplainerRegistry registry() {
        return new ExplainerRegistry(List.of(
                provider("fake-mixed", Set.of(Capability.FORWARD), MIXED),
                provider("fake-needs-scaling", Set.of(Capability.LAYER_SCALING), MIXED),
                provider("fake-broken", Set.of(Capability.FORWARD), context -> {
                    throw FakeEngine.unsupported("this model has no GAP + linear head");
                })));
    }

    static ExplainerProvider provider(String name, Set<Capability> needs, Explainer explainer) {
        return new ExplainerProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String version() {
                return "1";
            }

            @Override
            public String spiVersion() {
                return SpiVersion.CURRENT;
            }

            @Override
            public String description() {
                return "a test method";
            }

            @Override
            public ParameterSpec parameters() {
                return ParameterSpec.of(ParameterDef.integer("steps", 3, 1, 10, "a parameter"));
            }

            @Override
            public Set<Capability> requiredCapabilities() {
                return needs;
            }

            @Override
            public Explainer create(Parameters parameters) {
                return explainer;
            }
        };
    }
}
