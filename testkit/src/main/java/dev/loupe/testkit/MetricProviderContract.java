package dev.loupe.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.loupe.core.evaluate.EvaluationContext;
import dev.loupe.core.evaluate.MetricScore;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.explain.ImageSource;
import dev.loupe.core.explain.Progress;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.Scope;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.ParameterException;
import dev.loupe.core.spi.MetricProvider;
import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every evaluation-metric provider keeps, as a JUnit 5 suite: extend it with the
 * provider, a model and images. The maps it scores come from a seeded stand-in explainer (random
 * input-resolution maps), so the suite checks the metric's plumbing, not any method: one score
 * per image, finite or NaN with a note, the same scores for the same seed, strict parameters,
 * and every scope the metric's own passes opened is closed again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Experimental
public abstract class MetricProviderContract {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]*$");

    protected abstract MetricProvider provider();

    /** A model to evaluate on; the subclass opens it once and closes it. */
    protected abstract ExplainableModel model();

    /** At least two preprocessed images, (B, C, H, W). */
    protected abstract FloatArray images();

    /** Parameters for the runs; the defaults when empty. */
    protected Map<String, Object> parameters() {
        return Map.of();
    }

    @Test
    void nameVersionAndParametersAreWellFormed() {
        MetricProvider provider = provider();
        assertTrue(NAME.matcher(provider.name()).matches(), "name '" + provider.name() + "' must match " + NAME);
        assertFalse(provider.version() == null || provider.version().isBlank(), "version() is blank");
        assertFalse(provider.description() == null || provider.description().isBlank(), "description() is blank");
        assertNotNull(provider.direction(), "direction()");
        provider.parameters().validate(provider.name(), Map.of());
        provider.parameters().validate(provider.name(), parameters());
    }

    @Test
    void oneScorePerImageFiniteOrExplained() {
        List<MetricScore> scores = evaluate(17);
        assertEquals(images().dim(0), scores.size(), "one score per image");
        for (int b = 0; b < scores.size(); b++) {
            MetricScore score = scores.get(b);
            if (score.applies()) {
                assertTrue(Double.isFinite(score.value()), "image " + b + ": value " + score.value());
            } else {
                assertFalse(score.note() == null || score.note().isBlank(), "image " + b + ": NaN without a note saying why");
            }
            for (Map.Entry<String, Double> detail : score.details().entrySet()) {
                assertNotNull(detail.getValue(), "image " + b + ": detail '" + detail.getKey() + "'");
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameScores() {
        List<MetricScore> first = evaluate(5);
        List<MetricScore> second = evaluate(5);
        for (int b = 0; b < first.size(); b++) {
            assertEquals(first.get(b).value(), second.get(b).value(), 0.0, "image " + b + ": the same seed twice");
            assertEquals(first.get(b).details(), second.get(b).details(), "image " + b + ": details with the same seed");
        }
    }

    @Test
    void unknownAndIllTypedParametersAreRefusedByName() {
        Map<String, Object> unknown = new HashMap<>(parameters());
        unknown.put("no-such-parameter", 1L);
        ParameterException e = assertThrows(ParameterException.class, () -> provider().parameters().validate(provider().name(), unknown));
        assertTrue(e.getMessage().contains("no-such-parameter"), e.getMessage());
        for (ParameterDef def : provider().parameters().definitions()) {
            for (Object wrong : IllTypedValues.of(def)) {
                Map<String, Object> given = new HashMap<>(parameters());
                given.put(def.name(), wrong);
                try {
                    provider().parameters().validate(provider().name(), given);
                    fail("parameter '" + def.name() + "' (" + def.type() + ") accepted " + wrong);
                } catch (ParameterException refused) {
                    assertTrue(refused.getMessage().contains(def.name()), refused.getMessage());
                }
            }
        }
    }

    @Test
    void theMetricClosesWhatItOpens() {
        GuardedModel guarded = new GuardedModel(model(), model().capabilities(), 0);
        evaluate(guarded, 3);
        assertEquals(guarded.scopesOpened(), guarded.scopesClosed(),
                "every scope opened during the evaluation (the suite's and the metric's own) is closed");
    }

    private List<MetricScore> evaluate(long seed) {
        return evaluate(model(), seed);
    }

    private List<MetricScore> evaluate(ExplainableModel model, long seed) {
        FloatArray images = images();
        Explainer standIn = randomMaps(images);
        try (Scope scope = model.openScope()) {
            int batch = (int) images.dim(0);
            FloatArray logits = scope.forward(scope.upload(images), HookSpec.none()).logits().toHost();
            int[] targets = new int[batch];
            for (int b = 0; b < batch; b++) {
                targets[b] = argmax(logits, b);
            }
            EvaluationContext context = new EvaluationContext(model, scope, images, targets,
                    standIn.explain(new dev.loupe.core.explain.ExplainContext(model, scope, images, l -> targets)),
                    standIn, ImageSource.none(), centreMasks(images), seed, 4, Progress.NONE);
            return provider().create(provider().parameters().validate(provider().name(), parameters())).evaluate(context);
        }
    }

    /** Maps that depend only on the image index: the same every call, unrelated to the model. */
    private static Explainer randomMaps(FloatArray images) {
        return context -> {
            List<Attribution> maps = new ArrayList<>();
            int batch = (int) images.dim(0);
            int[] targets = context.targets().resolve(
                    context.scope().forward(context.scope().upload(context.images()), HookSpec.none()).logits().toHost());
            for (int b = 0; b < batch; b++) {
                SplittableRandom random = new SplittableRandom(b);
                long[] shape = {1, images.dim(2), images.dim(3)};
                float[] values = new float[(int) FloatArray.elementCount(shape)];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextDouble();
                }
                maps.add(new Attribution(new FloatArray(values, shape), Attribution.MapKind.INPUT, targets[b], 0f, null, Map.of()));
            }
            return maps;
        };
    }

    /** A ground-truth mask per image: the central quarter of the picture. */
    private static List<FloatArray> centreMasks(FloatArray images) {
        int h = (int) images.dim(2);
        int w = (int) images.dim(3);
        float[] mask = new float[h * w];
        for (int y = h / 4; y < 3 * h / 4; y++) {
            for (int x = w / 4; x < 3 * w / 4; x++) {
                mask[y * w + x] = 1;
            }
        }
        List<FloatArray> masks = new ArrayList<>();
        for (int b = 0; b < images.dim(0); b++) {
            masks.add(new FloatArray(mask.clone(), new long[] {h, w}));
        }
        return masks;
    }

    private static int argmax(FloatArray logits, int b) {
        int classes = (int) logits.dim(1);
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (logits.data()[b * classes + c] > logits.data()[b * classes + best]) {
                best = c;
            }
        }
        return best;
    }
}
