package dev.loupe.metrics;

import dev.loupe.core.evaluate.EvaluationContext;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;
import java.util.List;

/** Sends perturbed images through the model in chunks of the context's batch size. */
@Internal
public final class BatchedScores {

    private BatchedScores() {
    }

    /**
     * The score of class {@code target} for each image.
     *
     * @param images perturbed copies of one image, each {@code C*H*W} values
     * @param chw the image shape (C, H, W)
     */
    public static double[] of(EvaluationContext context, List<float[]> images, long[] chw, int target, ScoreKind kind) {
        int per = (int) FloatArray.elementCount(chw);
        double[] out = new double[images.size()];
        for (int from = 0; from < images.size(); from += context.batchSize()) {
            int n = Math.min(context.batchSize(), images.size() - from);
            float[] batch = new float[n * per];
            for (int i = 0; i < n; i++) {
                System.arraycopy(images.get(from + i), 0, batch, i * per, per);
            }
            FloatArray input = new FloatArray(batch, new long[] {n, chw[0], chw[1], chw[2]});
            FloatArray logits = context.scope().forward(context.scope().upload(input), HookSpec.none()).logits().toHost();
            int classes = (int) logits.dim(1);
            for (int i = 0; i < n; i++) {
                out[from + i] = kind.of(logits.data(), i * classes, classes, target);
            }
        }
        return out;
    }

    /** Image {@code b} of the context's batch, (C, H, W) values, and its shape. */
    public static float[] image(EvaluationContext context, int b) {
        return context.images().slice(b).data();
    }

    public static long[] shape(EvaluationContext context) {
        long[] s = context.images().shape();
        return new long[] {s[1], s[2], s[3]};
    }
}
