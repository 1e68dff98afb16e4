package dev.loupe.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import java.util.Random;

/**
 * The test network, built in Java with fixed values:
 * <pre>
 * 0    Conv2d 3->4, 3x3, padding 1
 * 1    SequentialBlock
 * 1.0    BatchNorm (running mean/var, gamma, beta all non-trivial; eps 1e-3)
 * 1.1    LambdaBlock ReLU
 * 2    LambdaBlock global average pool -> (B, 4)
 * 3    Linear 4->3
 * </pre>
 * Every parameter value is a multiple of 2^-10, exactly representable in float32, so the float32
 * and float64 builds hold the same numbers. {@link #reference} recomputes it on the host in double.
 */
final class TinyCnn {

    static final int C = 3;
    static final int K = 4;
    static final int H = 6;
    static final int W = 6;
    static final int CLASSES = 3;
    static final float EPS = 1e-3f;

    final SequentialBlock block = new SequentialBlock();
    final Conv2d conv = Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(K).build();
    final BatchNorm norm = BatchNorm.builder().optEpsilon(EPS).build();
    final Linear linear = Linear.builder().setUnits(CLASSES).build();

    TinyCnn(NDManager manager, DataType dataType, long seed) {
        block.add(conv)
                .add(new SequentialBlock().add(norm).add(Activation.reluBlock()))
                .add(Pool.globalAvgPool2dBlock())
                .add(linear);
        Random random = new Random(seed);
        block.setInitializer(values(random, -1, 1), Parameter.Type.WEIGHT);
        block.setInitializer(values(random, -0.5, 0.5), Parameter.Type.BIAS);
        block.setInitializer(values(random, 0.5, 1.5), Parameter.Type.GAMMA);
        block.setInitializer(values(random, -0.25, 0.25), Parameter.Type.BETA);
        block.setInitializer(values(random, -0.5, 0.5), Parameter.Type.RUNNING_MEAN);
        block.setInitializer(values(random, 0.5, 1.5), Parameter.Type.RUNNING_VAR);
        block.initialize(manager, dataType, new Shape(1, C, H, W));
    }

    /** Uniform multiples of 2^-10 in [lo, hi]. */
    private static Initializer values(Random random, double lo, double hi) {
        return (manager, shape, dataType) -> {
            double[] v = new double[(int) shape.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.round((lo + (hi - lo) * random.nextDouble()) * 1024) / 1024.0;
            }
            return manager.create(v, shape).toType(dataType, false);
        };
    }

    /** An input batch whose values are multiples of 2^-8 in [-2, 2]. */
    static float[] input(int batch, long seed) {
        Random random = new Random(seed);
        float[] x = new float[batch * C * H * W];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.round((random.nextDouble() * 4 - 2) * 256) / 256f;
        }
        return x;
    }

    static double[] values(Parameter p) {
        return p.getArray().toType(DataType.FLOAT64, false).toDoubleArray();
    }

    double[] param(ai.djl.nn.Block owner, String name) {
        return values(owner.getParameters().get(name));
    }

    /** The caller's way to run the block: DJL's own ParameterStore, training=false. */
    NDArray logits(NDManager manager, NDArray x) {
        NDList out = block.forward(new ParameterStore(manager, false), new NDList(x), false);
        return out.singletonOrThrow();
    }

    /** Host forward in double: conv, BN (running stats) and ReLU maps, logits. */
    record Reference(double[] conv, double[] relu, double[] logits) {
    }

    Reference reference(float[] x, int batch) {
        double[] w = param(conv, "weight");
        double[] b = param(conv, "bias");
        double[] gamma = param(norm, "gamma");
        double[] beta = param(norm, "beta");
        double[] mean = param(norm, "runningMean");
        double[] var = param(norm, "runningVar");
        double[] lw = param(linear, "weight");
        double[] lb = param(linear, "bias");
        double[] convOut = new double[batch * K * H * W];
        double[] reluOut = new double[convOut.length];
        double[] logits = new double[batch * CLASSES];
        for (int n = 0; n < batch; n++) {
            double[] pooled = new double[K];
            for (int k = 0; k < K; k++) {
                for (int i = 0; i < H; i++) {
                    for (int j = 0; j < W; j++) {
                        double s = b[k];
                        for (int c = 0; c < C; c++) {
                            for (int di = 0; di < 3; di++) {
                                for (int dj = 0; dj < 3; dj++) {
                                    int ii = i + di - 1;
                                    int jj = j + dj - 1;
                                    if (ii >= 0 && ii < H && jj >= 0 && jj < W) {
                                        s += w[((k * C + c) * 3 + di) * 3 + dj] * x[((n * C + c) * H + ii) * W + jj];
                                    }
                                }
                            }
                        }
                        int at = ((n * K + k) * H + i) * W + j;
                        convOut[at] = s;
                        double normed = (s - mean[k]) / Math.sqrt(var[k] + (double) EPS) * gamma[k] + beta[k];
                        reluOut[at] = Math.max(0, normed);
                        pooled[k] += reluOut[at] / (H * W);
                    }
                }
            }
            for (int u = 0; u < CLASSES; u++) {
                double y = lb[u];
                for (int k = 0; k < K; k++) {
                    y += lw[u * K + k] * pooled[k];
                }
                logits[n * CLASSES + u] = y;
            }
        }
        return new Reference(convOut, reluOut, logits);
    }
}
