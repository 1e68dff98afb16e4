package dev.loupe.backend.tensorflow;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Gradient ops added to a graph once and reused: the score is sum(logits * mask), with the mask a
 * placeholder fed one 1 per image at its target class, so one backward gives every image its own
 * gradient. Tensor names are kept, not {@link Output}s, so runs need no graph lock.
 *
 * @param mask          the mask placeholder's tensor
 * @param inputGradient d(score)/d(input), or null when not asked for
 * @param layerGradients d(score)/d(layer), in the key's order; null entries for layers the score does not depend on
 */
record GradientOps(String mask, String inputGradient, List<String> layerGradients) {

    private static final Pattern NO_GRADIENT = Pattern.compile("No gradient defined for op: (\\w+)");

    static GradientOps build(LoadedGraph loaded, String logits, String input, SavedModelModel.GradientKey key, int serial,
            Function<String, String> noGradient) {
        Graph graph = loaded.graph();
        Ops tf = Ops.create(graph).withSubScope("loupe_gradients_" + serial);
        Placeholder<TFloat32> mask = tf.withName("target_mask").placeholder(TFloat32.class);
        Operand<TFloat32> score = tf.reduceSum(tf.math.mul(floats(SavedModelModel.output(loaded, logits)), mask),
                tf.constant(new int[] {0, 1}));
        List<Output<?>> xs = new ArrayList<>();
        if (key.input()) {
            xs.add(SavedModelModel.output(loaded, input));
        }
        for (String layer : key.layers()) {
            xs.add(SavedModelModel.output(loaded, layer));
        }
        Output<?>[] grads;
        try {
            grads = graph.addGradients("loupe_gradients_" + serial + "/d", new Output<?>[] {score.asOutput()},
                    xs.toArray(Output<?>[]::new), null);
        } catch (TensorFlowException e) {
            Matcher m = NO_GRADIENT.matcher(String.valueOf(e.getMessage()));
            if (m.find()) {
                throw new LoupeException(ErrorKind.INPUT, noGradient.apply(m.group(1)), e);
            }
            throw new LoupeException(ErrorKind.INPUT, "TensorFlow could not build the gradient of the target score: "
                    + e.getMessage(), e);
        }
        List<String> names = new ArrayList<>();
        for (Output<?> g : grads) {
            names.add(g == null ? null : g.op().name() + ":" + g.index());
        }
        String inputGradient = key.input() ? names.remove(0) : null;
        return new GradientOps(mask.op().name() + ":0", inputGradient, names);
    }

    @SuppressWarnings("unchecked")
    private static Operand<TFloat32> floats(Output<?> output) {
        if (output.dataType() != org.tensorflow.proto.DataType.DT_FLOAT) {
            throw new LoupeException(ErrorKind.INPUT, "Output " + output.op().name() + " is " + output.dataType()
                    + "; Loupe explains float32 logits.");
        }
        return (Operand<TFloat32>) (Operand<?>) output;
    }
}
