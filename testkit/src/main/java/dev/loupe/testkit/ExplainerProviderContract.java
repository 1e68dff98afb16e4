package dev.loupe.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explanations;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.explain.Target;
import dev.loupe.core.layer.LayerInfo;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.ParameterException;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every method provider keeps, as a JUnit 5 suite: extend it, say which provider,
 * model and images to use, and every check below runs in your build.
 *
 * <pre>{@code
 * class MyMethodContractTest extends ExplainerProviderContract {
 *     protected ExplainerProvider provider() { return new MyMethodProvider(); }
 *     protected ExplainableModel model() { return MODEL; }     // opened once, closed by you
 *     protected FloatArray images() { return IMAGES; }         // (B >= 2, C, H, W), preprocessed
 * }
 * }</pre>
 *
 * What it checks: well-formed name, version and parameter declarations; one map per image in
 * batch order, finite, (C, H, W) or (1, H, W) for input maps and the layer's (h, w) for layer maps; the same map for an image alone as in a batch;
 * the same maps twice (seeded methods are deterministic); unknown and ill-typed parameters
 * refused with a message naming them; the declared capabilities suffice, and a model without one
 * of them is refused up front; and after a backend failure at any pass, every scope is closed and
 * the next run gives the same maps (nothing left installed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Experimental
public abstract class ExplainerProviderContract {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]*$");

    /** The provider under test. */
    protected abstract ExplainerProvider provider();

    /** A model the method can explain; the subclass opens it once and closes it. */
    protected abstract ExplainableModel model();

    /** At least two preprocessed images, (B, C, H, W), for {@link #model()}. */
    protected abstract FloatArray images();

    /** Parameters for the runs (a layer, fewer samples to keep it quick); the defaults when empty. */
    protected Map<String, Object> parameters() {
        return Map.of();
    }

    /**
     * How far an image's map alone may differ from the same image's map in a batch, relative to
     * the map's largest magnitude. Batched BLAS kernels reorder sums, so exact equality is too strict.
     */
    protected double batchTolerance() {
        return 1e-4;
    }

    /** The most passes the failure-injection check tries (each one fails the run at that pass). */
    protected int maxFailurePoints() {
        return 6;
    }

    @Test
    void nameVersionAndParametersAreWellFormed() {
        ExplainerProvider provider = provider();
        assertTrue(NAME.matcher(provider.name()).matches(), "name '" + provider.name() + "' must match " + NAME);
        assertFalse(isBlank(provider.version()), "version() is blank");
        assertFalse(isBlank(provider.description()), "description() is blank");
        assertFalse(provider.requiredCapabilities().isEmpty(),
                "requiredCapabilities() is empty; every method needs at least FORWARD or a gradient");
        // the defaults alone must validate: every parameter has a usable default
        provider.parameters().validate(provider.name(), Map.of());
        provider.parameters().validate(provider.name(), parameters());
    }

    @Test
    void oneFiniteMapPerImageInBatchOrder() {
        FloatArray images = images();
        int batch = (int) images.dim(0);
        assertTrue(batch >= 2, "images() must hold at least two images, got " + batch);
        List<Target> targets = new ArrayList<>();
        int classes = model().description().classCount();
        for (int b = 0; b < batch; b++) {
            targets.add(Target.index(b % classes));
        }
        List<Attribution> maps = explain(model(), images, targets);
        assertEquals(batch, maps.size(), "one attribution per image");
        for (int b = 0; b < batch; b++) {
            Attribution a = maps.get(b);
            assertEquals(b % classes, a.target(), "image " + b + ": the attribution names another target than the one asked for");
            assertTrue(Float.isFinite(a.score()), "image " + b + ": score is " + a.score());
            FloatArray map = a.map();
            if (a.kind() == Attribution.MapKind.INPUT) {
                // per channel, or one channel for methods that perturb whole pixels (occlusion, RISE)
                List<Long> perChannel = List.of(images.dim(1), images.dim(2), images.dim(3));
                List<Long> oneChannel = List.of(1L, images.dim(2), images.dim(3));
                assertTrue(dims(map).equals(perChannel) || dims(map).equals(oneChannel),
                        "an INPUT map is (C, H, W) or (1, H, W) at the image's size, got " + dims(map));
            } else {
                assertEquals(2, map.rank(), "a LAYER map is (h, w)");
                if (a.layer() != null) {
                    LayerInfo layer = model().layers().stream().filter(l -> l.path().equals(a.layer())).findFirst()
                            .orElseThrow(() -> new AssertionError("attribution names layer '" + a.layer()
                                    + "', which the model does not list"));
                    long[] shape = layer.outputShape();
                    if (shape.length == 4) {
                        assertEquals(List.of(shape[2], shape[3]), dims(map), "a LAYER map has the layer's (h, w)");
                    }
                }
            }
            for (float v : map.data()) {
                if (!Float.isFinite(v)) {
                    fail("image " + b + ": the map holds " + v);
                }
            }
        }
    }

    @Test
    void anImageAloneGetsTheMapItGetsInABatch() {
        FloatArray images = images();
        List<Attribution> batch = explain(model(), images, List.of(Target.index(0)));
        for (int b = 0; b < images.dim(0); b++) {
            FloatArray alone = explain(model(), one(images, b), List.of(Target.index(0))).get(0).map();
            Maps.assertClose(batch.get(b).map(), alone, batchTolerance(), "image " + b + " alone vs in the batch");
        }
    }

    @Test
    void theSameRunGivesTheSameMaps() {
        List<Attribution> first = explain(model(), images(), List.of(Target.top()));
        List<Attribution> second = explain(model(), images(), List.of(Target.top()));
        for (int b = 0; b < first.size(); b++) {
            Maps.assertClose(first.get(b).map(), second.get(b).map(), 0, "image " + b + " run twice (seeded methods must repeat)");
        }
    }

    @Test
    void unknownParametersAreRefusedByName() {
        Map<String, Object> given = new HashMap<>(parameters());
        given.put("no-such-parameter", 1L);
        ParameterException e = assertThrows(ParameterException.class,
                () -> provider().parameters().validate(provider().name(), given));
        assertTrue(e.getMessage().contains("no-such-parameter"), "the message names the parameter: " + e.getMessage());
    }

    @Test
    void illTypedParametersAreRefusedByName() {
        for (ParameterDef def : provider().parameters().definitions()) {
            for (Object wrong : IllTypedValues.of(def)) {
                Map<String, Object> given = new HashMap<>(parameters());
                given.put(def.name(), wrong);
                try {
                    provider().parameters().validate(provider().name(), given);
                    fail("parameter '" + def.name() + "' (" + def.type() + ") accepted " + wrong + " ("
                            + wrong.getClass().getSimpleName() + ")");
                } catch (ParameterException e) {
                    assertTrue(e.getMessage().contains(def.name()), "the message names '" + def.name() + "': " + e.getMessage());
                }
            }
        }
    }

    @Test
    void theDeclaredCapabilitiesSuffice() {
        GuardedModel guarded = new GuardedModel(model(), provider().requiredCapabilities(), 0);
        List<Attribution> maps = explain(guarded, images(), List.of(Target.top()));
        assertEquals(images().dim(0), maps.size());
    }

    @Test
    void aModelWithoutADeclaredCapabilityIsRefusedUpFront() {
        for (Capability needed : provider().requiredCapabilities()) {
            Set<Capability> fewer = EnumSet.allOf(Capability.class);
            fewer.remove(needed);
            GuardedModel guarded = new GuardedModel(model(), fewer, 0);
            LoupeException e = assertThrows(LoupeException.class,
                    () -> registry().create(provider().name(), parameters(), guarded),
                    "a model without " + needed + " must be refused before any work");
            assertTrue(e.getMessage().contains(needed.name()), "the message names " + needed + ": " + e.getMessage());
            assertEquals(0, guarded.passes(), "no pass may run before the refusal");
        }
    }

    @Test
    void aFailingBackendLeavesNothingBehind() {
        List<Attribution> before = explain(model(), images(), List.of(Target.top()));
        GuardedModel counting = new GuardedModel(model(), provider().requiredCapabilities(), 0);
        explain(counting, images(), List.of(Target.top()));
        int points = Math.min(counting.passes(), maxFailurePoints());
        assertTrue(points > 0, "the method made no pass through the model");
        for (int failAt = 1; failAt <= points; failAt++) {
            GuardedModel failing = new GuardedModel(model(), provider().requiredCapabilities(), failAt);
            RuntimeException e = assertThrows(RuntimeException.class, () -> explain(failing, images(), List.of(Target.top())),
                    "a failure at pass " + failAt + " must reach the caller");
            assertTrue(causedByInjection(e), "a failure at pass " + failAt + " was replaced by another exception: " + e);
            assertEquals(failing.scopesOpened(), failing.scopesClosed(), "scopes left open after a failure at pass " + failAt);
        }
        List<Attribution> after = explain(model(), images(), List.of(Target.top()));
        for (int b = 0; b < before.size(); b++) {
            Maps.assertClose(before.get(b).map(), after.get(b).map(), 0, "image " + b + " after the failing runs");
        }
    }

    private List<Attribution> explain(ExplainableModel model, FloatArray images, List<Target> targets) {
        return Explanations.explain(registry().create(provider().name(), parameters(), model), model, images, targets,
                Labels.none());
    }

    /** A registry holding only the provider under test, so the suite does not depend on the class path. */
    private ExplainerRegistry registry() {
        return new ExplainerRegistry(List.of(provider()));
    }

    private static boolean causedByInjection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof GuardedModel.InjectedFailure) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (causedByInjection(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static FloatArray one(FloatArray images, int b) {
        FloatArray image = images.slice(b);
        long[] shape = image.shape();
        return image.reshape(1, shape[0], shape[1], shape[2]);
    }

    private static List<Long> dims(FloatArray map) {
        List<Long> dims = new ArrayList<>();
        for (long d : map.shape()) {
            dims.add(d);
        }
        return dims;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
