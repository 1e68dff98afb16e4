package dev.loupe.methods.gradient;

import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.ExplainContext;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.model.Scope;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.NoiseSource;
import dev.loupe.core.tensor.Tensor;
import dev.loupe.methods.ResolvedTargets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * SmoothGrad and its variants (Smilkov et al. 2017; Adebayo et al. 2018 for VarGrad) as a
 * wrapper around a base method, like Captum's NoiseTunnel: the base attribution {@code a_n} of
 * {@code x + e_n}, {@code e_n ~ N(0, s^2)}, {@code s = sigma * (x.max - x.min)} per image (the
 * paper's convention, not NoiseTunnel's absolute stdev), over {@code samples} copies; the map is
 * {@code E[a]} (smoothgrad), {@code E[a^2]} (smoothgrad-sq) or {@code E[a^2] - E[a]^2}
 * (vargrad, the population variance, as NoiseTunnel computes it). Every copy is explained for
 * the class resolved once from the real image. Moments are summed in double on the host.
 *
 * <p>Noise order: each image draws from a fresh {@code noise.apply(seed)}, so an image's noise
 * depends on the seed only, not on its place in the batch nor on the batch size; every image of
 * a run sees the same standard-normal draws, scaled by its own {@code s}. Sample {@code n} is the
 * n-th call {@code nextStandardNormal(1, C, H, W)} of that stream, whatever {@code batchSize}
 * groups the samples into passes. The integrated-gradients base uses a zero baseline (as
 * NoiseTunnel leaves baselines un-noised) and its own points per noisy copy, {@code batchSize}
 * points per pass.
 */
final class SmoothGrad implements Explainer {

    enum Variant {
        SMOOTHGRAD, SMOOTHGRAD_SQ, VARGRAD;

        String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Variant of(String id) {
            for (Variant v : values()) {
                if (v.id().equals(id)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("unknown SmoothGrad variant '" + id + "'");
        }

        float combine(double sum, double sumOfSquares, int samples) {
            double mean = sum / samples;
            return (float) switch (this) {
                case SMOOTHGRAD -> mean;
                case SMOOTHGRAD_SQ -> sumOfSquares / samples;
                case VARGRAD -> sumOfSquares / samples - mean * mean;
            };
        }
    }

    private final SingleGradientMethod single;
    private final IntegratedGradients integrated;
    private final Variant variant;
    private final int samples;
    private final double sigma;
    private final long seed;
    private final int batchSize;
    private final LongFunction<NoiseSource> noise;

    /**
     * @param single the base method when it needs one gradient per copy, else {@code null}
     * @param integrated the base method when it is Integrated Gradients, else {@code null}
     * @param noise the noise stream for a seed ({@code NoiseSource::seeded} outside tests)
     */
    SmoothGrad(SingleGradientMethod single, IntegratedGradients integrated, Variant variant, int samples, double sigma,
            long seed, int batchSize, LongFunction<NoiseSource> noise) {
        if ((single == null) == (integrated == null)) {
            throw new IllegalArgumentException("exactly one base method");
        }
        if (samples < 1 || batchSize < 1 || !(sigma >= 0)) {
            throw new IllegalArgumentException("samples " + samples + ", batch size " + batchSize + ", sigma " + sigma);
        }
        this.single = single;
        this.integrated = integrated;
        this.variant = variant;
        this.samples = samples;
        this.sigma = sigma;
        this.seed = seed;
        this.batchSize = batchSize;
        this.noise = noise;
    }

    @Override
    public List<Attribution> explain(ExplainContext context) {
        ResolvedTargets targets = ResolvedTargets.of(context);
        InputGradients engine = single != null
                ? new InputGradients(context.model(), batchSize, single.hooks())
                : new InputGradients(context.model(), batchSize);
        FloatArray images = context.images();
        List<Attribution> result = new ArrayList<>();
        for (int b = 0; b < images.dim(0); b++) {
            FloatArray image = images.slice(b);
            int target = targets.classes()[b];
            double std = sigma * range(image);
            NoiseSource stream = noise.apply(seed);
            // (the IG base runs one sum per noisy copy, so only the single-pass bases report progress)
            double[][] moments = single != null
                    ? singleMoments(engine.reporting(context.progress().part(b, (int) images.dim(0))), image, target, std, stream)
                    : integratedMoments(engine, image, target, std, stream);
            float[] map = new float[image.size()];
            for (int i = 0; i < map.length; i++) {
                map[i] = variant.combine(moments[0][i], moments[1][i], samples);
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("seed", seed);
            details.put("samples", samples);
            details.put("noise-std", std);
            result.add(new Attribution(new FloatArray(map, image.shape()), Attribution.MapKind.INPUT, target,
                    targets.scores()[b], null, details));
        }
        return result;
    }

    /** Sums of a and a^2 over the noisy copies, {@code batchSize} copies per pass. */
    private double[][] singleMoments(InputGradients engine, FloatArray image, int target, double std, NoiseSource stream) {
        long[] shape = image.shape();
        FloatArray x = InputGradients.asBatch(image);
        NoiseSource perSample = bySample(stream);
        return engine.sum(samples, target,
                (Scope scope, int start, int end) -> scope.upload(x)
                        .add(scope.randomNormal(perSample, 0, std, end - start, shape[0], shape[1], shape[2])),
                (Scope scope, int start, int end, Tensor inputs, Tensor gradients) -> {
                    Tensor a = single.attribution(inputs, gradients);
                    return List.of(a.sum(false, 0), a.square().sum(false, 0));
                });
    }

    /** Sums of a and a^2 over the noisy copies, one Integrated Gradients run per copy. */
    private double[][] integratedMoments(InputGradients engine, FloatArray image, int target, double std,
            NoiseSource stream) {
        long[] shape = image.shape();
        float s = (float) std;
        FloatArray zeros = FloatArray.zeros(shape);
        double[] sum = new double[image.size()];
        double[] squares = new double[image.size()];
        for (int n = 0; n < samples; n++) {
            float[] e = stream.nextStandardNormal(1, shape[0], shape[1], shape[2]).data();
            float[] noisy = new float[e.length];
            for (int i = 0; i < e.length; i++) {
                // the float32 arithmetic of scope.randomNormal(...) added to the image on a device
                noisy[i] = image.data()[i] + e[i] * s;
            }
            float[] a = integrated.attribute(engine, new FloatArray(noisy, shape), zeros, target).data();
            for (int i = 0; i < a.length; i++) {
                sum[i] += a[i];
                squares[i] += (double) a[i] * a[i];
            }
        }
        return new double[][] {sum, squares};
    }

    /** A (k, ...) request served as k consecutive (1, ...) draws, so passes do not change the noise. */
    private static NoiseSource bySample(NoiseSource stream) {
        return shape -> {
            long[] one = shape.clone();
            one[0] = 1;
            List<FloatArray> draws = new ArrayList<>();
            for (long k = 0; k < shape[0]; k++) {
                draws.add(stream.nextStandardNormal(one));
            }
            return FloatArray.stack(draws).reshape(shape);
        };
    }

    private static double range(FloatArray image) {
        float max = Float.NEGATIVE_INFINITY;
        float min = Float.POSITIVE_INFINITY;
        for (float v : image.data()) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        return (double) max - min;
    }
}
