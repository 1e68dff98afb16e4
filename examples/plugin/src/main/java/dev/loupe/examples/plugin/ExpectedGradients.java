package dev.loupe.examples.plugin;

import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.ExplainContext;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.tensor.FloatArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** One configured Expected Gradients run; see {@link ExpectedGradientsProvider}. */
final class ExpectedGradients implements Explainer {

    private final int samples;
    private final double sigma;
    private final long seed;
    private final int batchSize;

    ExpectedGradients(int samples, double sigma, long seed, int batchSize) {
        this.samples = samples;
        this.sigma = sigma;
        this.seed = seed;
        this.batchSize = batchSize;
    }

    @Override
    public List<Attribution> explain(ExplainContext context) {
        FloatArray images = context.images();
        FloatArray logits = context.scope().forward(context.scope().upload(images), HookSpec.none()).logits().toHost();
        int[] targets = context.targets().resolve(logits);
        int classes = (int) logits.dim(1);
        List<Attribution> maps = new ArrayList<>();
        for (int b = 0; b < images.dim(0); b++) {
            FloatArray image = images.slice(b);
            float[] map = attribution(context, image, targets[b]);
            maps.add(new Attribution(new FloatArray(map, image.shape()), Attribution.MapKind.INPUT, targets[b],
                    logits.data()[b * classes + targets[b]], null, Map.of("samples", samples, "sigma", sigma, "seed", seed)));
        }
        return maps;
    }

    /** The mean over the draws of (x - x') * grad f(x' + a (x - x')), for one image. */
    private float[] attribution(ExplainContext context, FloatArray image, int target) {
        float[] x = image.data();
        int size = x.length;
        double[] sum = new double[size];
        // the same draws for every image, so an image's map does not depend on its batch
        SplittableRandom random = new SplittableRandom(seed);
        for (int start = 0; start < samples; start += batchSize) {
            int count = Math.min(batchSize, samples - start);
            float[] points = new float[count * size];
            float[] differences = new float[count * size];
            for (int k = 0; k < count; k++) {
                double alpha = random.nextDouble();
                for (int i = 0; i < size; i++) {
                    double baseline = sigma * gaussian(random);
                    double difference = x[i] - baseline;
                    differences[k * size + i] = (float) difference;
                    points[k * size + i] = (float) (baseline + alpha * difference);
                }
            }
            long[] shape = image.shape();
            FloatArray batch = new FloatArray(points, new long[] {count, shape[0], shape[1], shape[2]});
            int[] chunkTargets = new int[count];
            Arrays.fill(chunkTargets, target);
            float[] gradients = context.scope().gradients(context.scope().upload(batch), HookSpec.inputOnly(),
                    logits -> chunkTargets).inputGradient().toHost().data();
            for (int k = 0; k < count; k++) {
                for (int i = 0; i < size; i++) {
                    sum[i] += (double) differences[k * size + i] * gradients[k * size + i];
                }
            }
            context.progress().update(start + count, samples);
        }
        float[] mean = new float[size];
        for (int i = 0; i < size; i++) {
            mean[i] = (float) (sum[i] / samples);
        }
        return mean;
    }

    /** A standard normal draw (Box-Muller, one of the pair). */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
