package dev.loupe.backend.tensorflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Small SavedModels written by TensorFlow Java in tests: a conv, a ReLU, global average pooling
 * and a dense layer over a (B, 6, 6, 2) NHWC input, with seeded weights held as constants, saved
 * in graph mode or Keras-style (the network inside a function the signature calls).
 */
final class TinySavedModels {

    static final int H = 6;
    static final int W = 6;
    static final int C = 2;
    static final int CLASSES = 3;

    private TinySavedModels() {
    }

    /** The network body: input NHWC to logits, ops in Keras-like name scopes. */
    static Operand<TFloat32> network(Ops tf, Operand<TFloat32> x, String extraOp) {
        Random random = new Random(7);
        Ops conv = tf.withSubScope("conv");
        Operand<TFloat32> kernel = conv.constant(Shape.of(3, 3, C, 4), DataBuffers.of(values(random, 3 * 3 * C * 4, 0.5f)));
        Operand<TFloat32> y = conv.nn.conv2d(x, kernel, java.util.List.of(1L, 1L, 1L, 1L), "SAME");
        y = conv.nn.biasAdd(y, conv.constant(values(random, 4, 0.2f)));
        y = tf.withSubScope("relu").nn.relu(y);
        if (extraOp != null) {
            Ops odd = tf.withSubScope("odd");
            y = odd.math.add(y, odd.math.mul(odd.constant(0f), TinySavedModels.op(odd, extraOp, y)));
        }
        Ops pool = tf.withSubScope("pool");
        y = pool.math.mean(y, pool.constant(new int[] {1, 2}));
        Ops dense = tf.withSubScope("dense");
        Operand<TFloat32> weights = dense.constant(Shape.of(4, CLASSES), DataBuffers.of(values(random, 4 * CLASSES, 0.8f)));
        y = dense.linalg.matMul(y, weights);
        return dense.nn.biasAdd(y, dense.constant(values(random, CLASSES, 0.1f)));
    }

    @SuppressWarnings("unchecked")
    private static Operand<TFloat32> op(Ops tf, String type, Operand<TFloat32> input) {
        var builder = tf.scope().env().opBuilder(type, tf.scope().makeOpName(type), tf.scope()).addInput(input.asOutput());
        return (Operand<TFloat32>) (Operand<?>) builder.build().output(0);
    }

    /** The dense layer's weights (4, CLASSES) row-major and its bias, drawn as {@link #network} draws them. */
    static float[][] dense() {
        Random random = new Random(7);
        values(random, 3 * 3 * C * 4, 0.5f);
        values(random, 4, 0.2f);
        return new float[][] {values(random, 4 * CLASSES, 0.8f), values(random, CLASSES, 0.1f)};
    }

    private static float[] values(Random random, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    /** Graph mode: placeholder {@code x}, Identity {@code logits}; {@code extraOp} adds a no-op use of that op type. */
    static Path graphMode(Path dir, String extraOp) throws IOException {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, H, W, C)));
            Operand<TFloat32> logits = tf.withName("logits").identity(network(tf, x, extraOp));
            Signature sig = Signature.builder().key("serving_default").input("x", x).output("logits", logits).build();
            SavedModelBundle.exporter(dir.toString()).withFunction(s.function(sig)).export();
        }
        return dir;
    }

    /** Keras style: outer placeholder {@code input_1}, the network in a function under scope {@code tiny}. */
    static Path kerasStyle(Path dir) throws IOException {
        return kerasStyle(dir, false);
    }

    /**
     * As above; {@code nested} wraps the network's function in a second one, as TF2 signatures
     * wrap the model's call function.
     */
    static Path kerasStyle(Path dir, boolean nested) throws IOException {
        BiFunction<Ops, Placeholder<TFloat32>, Operand<TFloat32>> body = (tf, x) -> network(tf.withSubScope("tiny"), x, null);
        try (ConcreteFunction inner = ConcreteFunction.create(tf -> {
                    Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, H, W, C)));
                    return Signature.builder().key("net").input("x", x).output("y", body.apply(tf, x)).build();
                });
                ConcreteFunction net = !nested ? inner : ConcreteFunction.create(tf -> {
                    Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, H, W, C)));
                    @SuppressWarnings("unchecked")
                    Operand<TFloat32> y = (Operand<TFloat32>) inner.call(tf, Map.<String, Operand<?>>of("x", x)).get("y");
                    return Signature.builder().key("wrapper").input("x", x).output("y", tf.identity(y)).build();
                });
                Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.withName("input_1").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, H, W, C)));
            @SuppressWarnings("unchecked")
            Operand<TFloat32> y = (Operand<TFloat32>) net.call(tf, Map.<String, Operand<?>>of("x", x)).get("y");
            Operand<TFloat32> logits = tf.withName("Identity").identity(y);
            Signature sig = Signature.builder().key("serving_default").input("input_1", x).output("output_0", logits).build();
            SavedModelBundle.exporter(dir.toString()).withFunction(s.function(sig)).export();
        }
        return dir;
    }
}
