package dev.loupe.methods.perturbation;

import dev.loupe.core.spi.SpiVersion;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.ForwardPass;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.Tensor;
import dev.loupe.methods.BatchedScores;
import dev.loupe.methods.BuiltinMethod;
import dev.loupe.methods.ResolvedTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * RISE (Petsiuk et al. 2018): map = sum_n y_c(x * M_n) M_n / (N p) over N random masks M_n
 * ({@link RiseMasks}), with y_c the target logit (the paper's code uses the softmax probability).
 * Forward passes only, {@code batch-size} masked images per pass; the same seeded masks for every
 * image, so a run is reproducible and the seed is in the details. The map is (1, H, W).
 * Default N = 4000, the paper's and Xplique's; fewer masks give noisier maps sooner.
 */
@Internal
public final class RiseProvider implements ExplainerProvider {

    /** Masks for one image, in order: each call returns the next {@code count}, shape (count, H, W). */
    public interface MaskStream {
        FloatArray next(int count);
    }

    /** Opens a mask stream for an image of {@code height} x {@code width}. */
    @FunctionalInterface
    public interface MaskFactory {
        MaskStream open(int height, int width);
    }

    @Override
    public String name() {
        return "rise";
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
        return "Target score averaged over random masks, each weighted by its score (Petsiuk et al. 2018).";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.of(
                ParameterDef.integer("masks", 4000, 1, 1_000_000, "Number of random masks N."),
                ParameterDef.integer("grid", 7, 1, 256, "Side of the random binary grid each mask is upsampled from."),
                ParameterDef.number("keep-probability", 0.5, 0.001, 1, "Probability p that a grid cell is kept."),
                ParameterDef.integer("seed", 0, 0, Integer.MAX_VALUE, "Seed of the mask generator."),
                ParameterDef.integer("batch-size", 16, 1, 4096, "Masked images per forward pass."));
    }

    @Override
    public Set<Capability> requiredCapabilities() {
        return Set.of(Capability.FORWARD);
    }

    @Override
    public Explainer create(Parameters parameters) {
        int grid = parameters.getInt("grid");
        double keep = parameters.getDouble("keep-probability");
        int seed = parameters.getInt("seed");
        return create(parameters, (height, width) -> new RiseMasks(seed, grid, keep, height, width));
    }

    /** The explainer with masks from {@code masks}: a parity test replays a reference's masks with it. */
    public Explainer create(Parameters parameters, MaskFactory masks) {
        Objects.requireNonNull(masks, "masks");
        int count = parameters.getInt("masks");
        double keep = parameters.getDouble("keep-probability");
        int batchSize = parameters.getInt("batch-size");
        Map<String, Object> details = Map.of("masks", count, "grid", parameters.getInt("grid"), "keep-probability", keep,
                "seed", parameters.getInt("seed"));
        return context -> {
            FloatArray images = context.images();
            long[] s = images.shape();
            int height = (int) s[2];
            int width = (int) s[3];
            ResolvedTargets targets = ResolvedTargets.of(context);
            List<Attribution> result = new ArrayList<>();
            for (int b = 0; b < s[0]; b++) {
                FloatArray image = images.slice(b).reshape(1, s[1], s[2], s[3]);
                MaskStream stream = masks.open(height, width);
                double[] sum = new double[height * width];
                int target = targets.classes()[b];
                BatchedScores.of(context.model(), count, batchSize, target, context.progress().part(b, (int) s[0]),
                        (scope, start, end) -> {
                    FloatArray chunk = stream.next(end - start);
                    Tensor masked = scope.upload(image).mul(scope.upload(chunk.reshape(end - start, 1, height, width)));
                    ForwardPass pass = scope.forward(masked, HookSpec.none());
                    addWeighted(sum, chunk, pass.logits().toHost(), target);
                    return pass;
                });
                float[] map = new float[sum.length];
                for (int p = 0; p < map.length; p++) {
                    map[p] = (float) (sum[p] / (count * keep));
                }
                result.add(new Attribution(new FloatArray(map, new long[] {1, height, width}), Attribution.MapKind.INPUT,
                        targets.classes()[b], targets.scores()[b], null, details));
            }
            return result;
        };
    }

    /** sum += y_n M_n for the masks of one pass, y_n the target logit of masked image n. */
    private static void addWeighted(double[] sum, FloatArray masks, FloatArray logits, int target) {
        int classes = (int) logits.dim(1);
        float[] m = masks.data();
        for (int n = 0; n < masks.dim(0); n++) {
            double score = logits.data()[n * classes + target];
            int offset = n * sum.length;
            for (int p = 0; p < sum.length; p++) {
                sum[p] += score * m[offset + p];
            }
        }
    }
}
