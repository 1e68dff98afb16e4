package dev.loupe.methods.cam;

import dev.loupe.core.model.Capability;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.Tensor;
import dev.loupe.methods.BatchedScores;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Ablation-CAM (Desai and Ramaswamy 2020): w_k = (y - y_k) / y, with y the target logit and y_k
 * the logit when channel k of the layer is set to zero; map = ReLU(sum_k w_k A^k). Loupe zeroes
 * the channel as the paper does. pytorch-grad-cam also zeroes it when the layer's minimum is 0 (a
 * ReLU output) but otherwise sets it to (minimum - 1e7), so the two agree on post-ReLU layers
 * only. One forward per channel, {@code batch-size} per pass, each in its own scope; when y is 0
 * the differences are not divided.
 */
@Internal
public final class AblationCamProvider extends CamFamilyProvider {

    @Override
    public String name() {
        return "ablation-cam";
    }

    @Override
    public String description() {
        return "Channels weighted by the drop in the target score when each is zeroed (Desai and Ramaswamy 2020).";
    }

    @Override
    protected boolean needsGradient() {
        return false;
    }

    @Override
    protected List<ParameterDef> extraParameters() {
        return List.of(ScoreCamProvider.batchSize());
    }

    @Override
    protected Set<Capability> extraCapabilities() {
        return Set.of(Capability.FORWARD, Capability.LAYER_SCALING);
    }

    @Override
    protected Formula formula(Parameters parameters) {
        int batchSize = parameters.getInt("batch-size");
        return evidence -> {
            long[] a = evidence.activation().shape();
            FloatArray images = evidence.context().images();
            long[] x = images.shape();
            int channels = (int) a[1];
            float[] weights = new float[(int) (a[0] * channels)];
            for (int b = 0; b < a[0]; b++) {
                FloatArray image = images.slice(b).reshape(1, x[1], x[2], x[3]);
                float[] ablated = BatchedScores.of(evidence.context().model(), channels, batchSize,
                        evidence.targets().classes()[b], evidence.context().progress().part(b, (int) a[0]),
                        (scope, start, end) -> {
                            Tensor copies = scope.upload(image).mul(scope.upload(ones(end - start)));
                            Tensor factor = scope.upload(channelOff(start, end, channels));
                            return scope.forwardScaled(copies, evidence.layer(), factor);
                        });
                float y = evidence.targets().scores()[b];
                for (int k = 0; k < channels; k++) {
                    weights[b * channels + k] = y == 0 ? y - ablated[k] : (y - ablated[k]) / y;
                }
            }
            return evidence.weightedSum(weights);
        };
    }

    private static FloatArray ones(int rows) {
        float[] values = new float[rows];
        Arrays.fill(values, 1f);
        return new FloatArray(values, new long[] {rows, 1, 1, 1});
    }

    /** (end - start, C, 1, 1): row i is 1 except for channel start + i. */
    static FloatArray channelOff(int start, int end, int channels) {
        float[] factor = new float[(end - start) * channels];
        Arrays.fill(factor, 1f);
        for (int i = 0; i < end - start; i++) {
            factor[i * channels + start + i] = 0f;
        }
        return new FloatArray(factor, new long[] {end - start, channels, 1, 1});
    }
}
