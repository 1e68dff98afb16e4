package dev.loupe.methods.cam;

import dev.loupe.core.model.HookSpec;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.Interpolation;
import dev.loupe.core.tensor.Tensor;
import dev.loupe.methods.BatchedScores;
import java.util.Arrays;
import java.util.List;

/**
 * Score-CAM (Wang et al. 2020) as pytorch-grad-cam computes it: each channel, upsampled to the
 * input (bilinear, corners aligned) and min-max scaled to [0, 1] (+1e-8 in the denominator, so a
 * constant channel gives an all-zero mask, never NaN), masks the image; the channel's weight is
 * the softmax over channels of the target logits of those masked images. The authors' code takes
 * a softmax over classes at each masked image instead. One forward per channel, {@code
 * batch-size} masked images per pass, each pass in its own scope.
 */
@Internal
public final class ScoreCamProvider extends CamFamilyProvider {

    static final double EPSILON = 1e-8;

    @Override
    public String name() {
        return "score-cam";
    }

    @Override
    public String description() {
        return "Channels weighted by the target score of the image masked with each channel (Wang et al. 2020).";
    }

    @Override
    protected boolean needsGradient() {
        return false;
    }

    @Override
    protected List<ParameterDef> extraParameters() {
        return List.of(batchSize());
    }

    static ParameterDef batchSize() {
        return ParameterDef.integer("batch-size", 16, 1, 4096, "Perturbed images per forward pass.");
    }

    @Override
    protected Formula formula(Parameters parameters) {
        int batchSize = parameters.getInt("batch-size");
        return evidence -> {
            FloatArray activations = evidence.activation().toHost();
            FloatArray images = evidence.context().images();
            long[] a = activations.shape();
            long[] x = images.shape();
            int channels = (int) a[1];
            float[] weights = new float[(int) (a[0] * channels)];
            for (int b = 0; b < a[0]; b++) {
                FloatArray channelMaps = activations.slice(b).reshape(channels, 1, a[2], a[3]);
                FloatArray image = images.slice(b).reshape(1, x[1], x[2], x[3]);
                float[] scores = BatchedScores.of(evidence.context().model(), channels, batchSize,
                        evidence.targets().classes()[b], evidence.context().progress().part(b, (int) a[0]),
                        (scope, start, end) -> {
                            Tensor up = scope.upload(rows(channelMaps, start, end))
                                    .interpolate(x[2], x[3], Interpolation.BILINEAR_ALIGN_CORNERS);
                            Tensor low = up.min(true, 2, 3);
                            Tensor masks = up.sub(low).div(up.max(true, 2, 3).sub(low).add(EPSILON));
                            return scope.forward(scope.upload(image).mul(masks), HookSpec.none());
                        });
                System.arraycopy(softmax(scores), 0, weights, b * channels, channels);
            }
            return evidence.weightedSum(weights);
        };
    }

    /** Rows {@code [start, end)} of an array, as a new array. */
    static FloatArray rows(FloatArray array, int start, int end) {
        long[] shape = array.shape();
        int step = array.size() / (int) shape[0];
        shape[0] = end - start;
        return new FloatArray(Arrays.copyOfRange(array.data(), start * step, end * step), shape);
    }

    static float[] softmax(float[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (float s : scores) {
            max = Math.max(max, s);
        }
        double total = 0;
        double[] e = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            e[i] = Math.exp(scores[i] - max);
            total += e[i];
        }
        float[] out = new float[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = (float) (e[i] / total);
        }
        return out;
    }
}
