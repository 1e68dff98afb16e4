package dev.loupe.backend.tensorflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.NodeDef;

/**
 * The variables the forward path reads, grouped by layer: a forward op's input that is not on the
 * path is followed back through reads ({@code ReadVariableOp}, {@code Identity}) to its variable,
 * and the variable belongs to that op's layer, the op's display name without its last segment
 * ({@code conv2d/Conv2D} -> {@code conv2d}), as {@link LayerTree} names it. Batch-norm running
 * statistics (inputs 3 and 4 of {@code FusedBatchNorm*}, or names with {@code moving_mean} /
 * {@code moving_variance}) are not trainable and are left out. Layers come in execution order.
 *
 * @param byLayer       variable node names per layer
 * @param refVariables  TF1 reference variables ({@code VariableV2}) met, which cannot be assigned here
 */
record TrainableVariables(Map<String, List<String>> byLayer, List<String> refVariables) {

    private static final Set<String> READS = Set.of("ReadVariableOp", "Identity");
    private static final Set<String> RESOURCE = Set.of("VarHandleOp");
    private static final Set<String> REFERENCE = Set.of("VariableV2", "Variable");

    static TrainableVariables find(GraphIndex index, List<String> forward, String root) {
        Set<String> onPath = Set.copyOf(forward);
        Map<String, List<String>> byLayer = new LinkedHashMap<>();
        List<String> refs = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String op : forward.subList(1, forward.size())) {
            NodeDef node = index.node(op);
            List<String> inputs = GraphIndex.dataInputs(node);
            for (int i = 0; i < inputs.size(); i++) {
                if (onPath.contains(inputs.get(i)) || node.getOp().startsWith("FusedBatchNorm") && i >= 3) {
                    continue;
                }
                String variable = variableBehind(index, inputs.get(i));
                if (variable == null || seen.contains(variable) || !isFloat(index.node(variable)) || variable.contains("moving_mean")
                        || variable.contains("moving_variance")) {
                    continue;
                }
                seen.add(variable);
                if (REFERENCE.contains(index.node(variable).getOp())) {
                    refs.add(variable);
                }
                byLayer.computeIfAbsent(layerOf(op, root), k -> new ArrayList<>()).add(variable);
            }
        }
        return new TrainableVariables(byLayer, refs);
    }

    private static String variableBehind(GraphIndex index, String start) {
        String current = start;
        for (int hops = 0; hops < 8; hops++) {
            NodeDef node = index.node(current);
            if (node == null) {
                return null;
            }
            if (RESOURCE.contains(node.getOp()) || REFERENCE.contains(node.getOp())) {
                return current;
            }
            List<String> inputs = GraphIndex.dataInputs(node);
            if (!READS.contains(node.getOp()) || inputs.isEmpty()) {
                return null;
            }
            current = inputs.get(0);
        }
        return null;
    }

    private static boolean isFloat(NodeDef variable) {
        var dtype = variable.getAttrMap().get("dtype");
        return dtype != null && dtype.getType() == org.tensorflow.proto.DataType.DT_FLOAT;
    }

    private static String layerOf(String op, String root) {
        String display = op.startsWith(root) ? op.substring(root.length()) : op;
        int slash = display.lastIndexOf('/');
        return slash < 0 ? display : display.substring(0, slash);
    }
}
