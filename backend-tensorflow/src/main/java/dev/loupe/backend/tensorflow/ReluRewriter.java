package dev.loupe.backend.tensorflow;

import dev.loupe.core.model.ReluRule;
import java.util.List;
import java.util.Set;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Changes the backward pass of every forward-path ReLU. TensorFlow will not replace the Relu
 * gradient, so each ReLU node {@code r} is rebuilt from ops whose forward value is still
 * relu(s) but whose gradient follows the rule, using {@code Snapshot} (an identity op without a
 * gradient of its own) given the gradient {@code relu(g)}:
 * <ul>
 *   <li>guided: {@code r = Snapshot(Relu(s))}: the gradient reaching s is 1[s>0]·relu(g);
 *   <li>deconvnet: {@code r = StopGradient(Relu(s) - s) + Snapshot(s)}: s receives relu(g), the
 *       forward mask ignored; the sum is exactly relu(s) in float ((s-s)+s = s, (0-s)+s = 0).
 * </ul>
 * The rebuilt node keeps the name {@code r}, so consumers and layer names are unchanged. The
 * Snapshot gradient is registered once per process and applies to every graph in it.
 */
final class ReluRewriter {

    private static final String SNAPSHOT = "Snapshot";
    private static boolean registered;

    private ReluRewriter() {
    }

    static GraphDef rewrite(GraphDef graph, ReluRule rule, Set<String> forwardNodes) {
        if (rule == ReluRule.PLAIN) {
            return graph;
        }
        registerSnapshotGradient();
        GraphDef.Builder out = graph.toBuilder().clearNode();
        for (NodeDef node : graph.getNodeList()) {
            if (node.getOp().equals("Relu") && forwardNodes.contains(node.getName())) {
                out.addAllNode(replacement(node, rule));
            } else {
                out.addNode(node);
            }
        }
        return out.build();
    }

    private static List<NodeDef> replacement(NodeDef relu, ReluRule rule) {
        String r = relu.getName();
        String s = relu.getInput(0);
        AttrValue type = relu.getAttrMap().get("T");
        NodeDef inner = relu.toBuilder().setName(r + "/loupe_relu").build();
        if (rule == ReluRule.GUIDED) {
            return List.of(inner, node(SNAPSHOT, r, type, inner.getName()));
        }
        NodeDef diff = node("Sub", r + "/loupe_minus_input", type, inner.getName(), s);
        NodeDef stop = node("StopGradient", r + "/loupe_stop", type, diff.getName());
        NodeDef pass = node(SNAPSHOT, r + "/loupe_pass", type, s);
        return List.of(inner, diff, stop, pass, node("AddV2", r, type, stop.getName(), pass.getName()));
    }

    private static NodeDef node(String op, String name, AttrValue type, String... inputs) {
        return NodeDef.newBuilder().setOp(op).setName(name).putAttr("T", type).addAllInput(List.of(inputs)).build();
    }

    /** Snapshot's gradient becomes relu(g); once per process (TensorFlow refuses a second one). */
    static synchronized void registerSnapshotGradient() {
        if (!registered) {
            boolean accepted = TensorFlow.registerCustomGradient(SNAPSHOT,
                    (tf, op, gradients) -> List.of(tf.nn.relu(cast(gradients.get(0)))));
            if (!accepted) {
                throw new IllegalStateException("TensorFlow already has a gradient for Snapshot in this process (another"
                        + " library registered one), so guided backprop and deconvnet cannot be set up");
            }
            registered = true;
        }
    }

    @SuppressWarnings("unchecked")
    private static org.tensorflow.Operand<org.tensorflow.types.TFloat32> cast(org.tensorflow.Output<?> gradient) {
        return (org.tensorflow.Operand<org.tensorflow.types.TFloat32>) (org.tensorflow.Operand<?>) gradient;
    }
}
