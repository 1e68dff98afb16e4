package dev.loupe.core.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.layer.LayerInfo;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ForwardPass;
import dev.loupe.core.model.GradientPass;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ModelDescription;
import dev.loupe.core.model.Scope;
import dev.loupe.core.model.TargetResolver;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ExplanationsTest {

    /** A model whose scopes only count how often they are opened and closed. */
    static final class CountingModel implements ExplainableModel {
        int opened;
        int closed;

        @Override
        public ModelDescription description() {
            return new ModelDescription("fake", "m.pt", "", "cpu", new long[] {3, 4, 4}, 3);
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.FORWARD);
        }

        @Override
        public List<LayerInfo> layers() {
            return List.of(new LayerInfo("conv", "Conv2d", new long[] {1, 8, 2, 2}));
        }

        @Override
        public Scope openScope() {
            opened++;
            return new Scope() {
                @Override
                public Tensor upload(FloatArray values) {
                    throw new UnsupportedOperationException("this fake scope only counts opens and closes");
                }

                @Override
                public ForwardPass forward(Tensor input, HookSpec hooks) {
                    throw new UnsupportedOperationException("this fake scope only counts opens and closes");
                }

                @Override
                public GradientPass gradients(Tensor input, HookSpec hooks, TargetResolver targets) {
                    throw new UnsupportedOperationException("this fake scope only counts opens and closes");
                }

                @Override
                public void close() {
                    closed++;
                }
            };
        }

        @Override
        public void close() {
        }
    }

    private static final FloatArray IMAGES = FloatArray.zeros(2, 3, 4, 4);

    private static Attribution map(int target) {
        return new Attribution(FloatArray.zeros(2, 2), Attribution.MapKind.LAYER, target, 1f, "conv", Map.of());
    }

    @Test
    void runsTheExplainerInAScopeThatIsClosedAfterwards() {
        CountingModel model = new CountingModel();
        AtomicReference<ExplainContext> seen = new AtomicReference<>();
        List<Attribution> result = Explanations.explain(context -> {
            seen.set(context);
            assertEquals(1, model.opened);
            assertEquals(0, model.closed, "the scope is open while the explainer runs");
            return List.of(map(0), map(1));
        }, model, IMAGES, List.of(Target.top()), Labels.none());
        assertEquals(2, result.size());
        assertEquals(1, model.opened);
        assertEquals(1, model.closed);
        ExplainContext context = seen.get();
        assertSame(model, context.model());
        assertSame(IMAGES, context.images());
        assertEquals("conv", context.layers().auto().path());
    }

    @Test
    void theContextResolvesTheGivenTargets() {
        CountingModel model = new CountingModel();
        Labels labels = new Labels(List.of("cat", "dog", "fox"));
        List<int[]> resolved = new ArrayList<>();
        Explanations.explain(context -> {
            resolved.add(context.targets().resolve(new FloatArray(new float[] {0, 0, 9, 9, 0, 0}, new long[] {2, 3})));
            return List.of(map(0), map(1));
        }, model, IMAGES, List.of(Target.top(), Target.label("dog")), labels);
        assertArrayEquals(new int[] {2, 1}, resolved.get(0));
    }

    @Test
    void theScopeIsClosedWhenTheExplainerFails() {
        CountingModel model = new CountingModel();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Explanations.explain(context -> {
            throw new IllegalStateException("boom");
        }, model, IMAGES, List.of(Target.top()), Labels.none()));
        assertEquals("boom", e.getMessage());
        assertEquals(1, model.closed);
    }

    @Test
    void oneMapPerImageIsEnforced() {
        CountingModel model = new CountingModel();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Explanations.explain(context -> List.of(map(0)), model, IMAGES, List.of(Target.top()), Labels.none()));
        assertTrue(e.getMessage().contains("1 maps for 2 images"), e.getMessage());
        assertEquals(1, model.closed);
    }
}
