package dev.loupe.methods.cam;

import dev.loupe.core.param.Parameters;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;

/**
 * Eigen-CAM (Muhammad and Yeasin 2020): the activations' first principal component, no gradient
 * and no class. Per image, the (h w, C) matrix of activations (a row per position) is centred per
 * channel and projected on its first right singular vector, as pytorch-grad-cam does. SVD leaves
 * that vector's sign open, and pytorch-grad-cam keeps whatever LAPACK returns, so its map can come
 * out inverted and then zeroed by the ReLU; Loupe orients the component so that it correlates
 * positively with the channel-summed activation. Computed on the host: the matrix is small.
 */
@Internal
public final class EigenCamProvider extends CamFamilyProvider {

    @Override
    public String name() {
        return "eigen-cam";
    }

    @Override
    public String description() {
        return "First principal component of a layer's activations; class-independent (Muhammad and Yeasin 2020).";
    }

    @Override
    protected boolean needsGradient() {
        return false;
    }

    @Override
    protected Formula formula(Parameters parameters) {
        return evidence -> {
            FloatArray activations = evidence.activation().toHost();
            long[] s = activations.shape();
            float[] maps = new float[(int) (s[0] * s[2] * s[3])];
            int positions = (int) (s[2] * s[3]);
            for (int b = 0; b < s[0]; b++) {
                float[] projection = PrincipalComponent.projection(activations.slice(b));
                System.arraycopy(projection, 0, maps, b * positions, positions);
            }
            return evidence.context().scope().upload(new FloatArray(maps, new long[] {s[0], s[2], s[3]}));
        };
    }
}
