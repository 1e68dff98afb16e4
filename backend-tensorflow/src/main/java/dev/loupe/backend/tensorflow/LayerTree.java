package dev.loupe.backend.tensorflow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.NodeDef;

/**
 * The layers users can name in a TensorFlow graph: every op on the forward path, and every name
 * scope those ops sit in (a Keras layer is a name scope: {@code conv2d/Conv2D}, {@code
 * conv2d/BiasAdd}). A scope's output is the one tensor its ops hand to ops outside it; a scope
 * handing out several (a block whose inner tensor also feeds a skip path) is listed but cannot be
 * captured. Names are relative to the model: inside a Keras-style model the inlined call and the
 * model's own scope are dropped, which leaves the names {@code model.summary()} prints.
 */
final class LayerTree {

    /** A named layer: its display name, type and the graph tensor that is its output (or null). */
    record Layer(String name, String type, String tensor, boolean scope) {
    }

    /** Ops that only pass a layer's result on; a scope's type is the op before them. */
    private static final Set<String> PASS_THROUGH = Set.of("BiasAdd", "Identity", "Pad", "PadV2", "Reshape", "Squeeze", "Cast");

    private final Map<String, Layer> layers = new LinkedHashMap<>();
    private final Map<String, String> displayToNode = new LinkedHashMap<>();

    /**
     * @param forward  the forward path in execution order, input first
     * @param output   the network's output tensor
     * @param root     the prefix dropped from op names to get display names ("" for none)
     */
    LayerTree(GraphIndex graph, List<String> forward, String output, String root) {
        Map<String, String> display = new LinkedHashMap<>();
        for (String node : forward.subList(1, forward.size())) {
            String name = node.startsWith(root) ? node.substring(root.length()) : node;
            display.put(node, name);
            displayToNode.put(name, node);
        }
        Set<String> forwardSet = new HashSet<>(forward);
        Set<String> emittedScopes = new HashSet<>();
        for (Map.Entry<String, String> op : display.entrySet()) {
            String name = op.getValue();
            for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                String scope = name.substring(0, slash);
                if (emittedScopes.add(scope)) {
                    layers.put(scope, scopeLayer(graph, scope, display, forwardSet, output));
                }
            }
            NodeDef node = graph.node(op.getKey());
            layers.put(name, new Layer(name, node.getOp(), op.getKey() + ":0", false));
        }
    }

    List<Layer> layers() {
        return List.copyOf(layers.values());
    }

    Layer layer(String name) {
        return layers.get(name);
    }

    private Layer scopeLayer(GraphIndex graph, String scope, Map<String, String> display, Set<String> forward, String output) {
        String prefix = scope + "/";
        Set<String> members = new LinkedHashSet<>();
        display.forEach((node, name) -> {
            if (name.startsWith(prefix)) {
                members.add(node);
            }
        });
        Set<String> outputs = new LinkedHashSet<>();
        for (String member : members) {
            for (String consumer : graph.consumers(member)) {
                if (forward.contains(consumer) && !members.contains(consumer)) {
                    for (String input : graph.node(consumer).getInputList()) {
                        if (!input.startsWith("^") && TensorName.parse(input).node().equals(member)) {
                            outputs.add(TensorName.parse(input).toString());
                        }
                    }
                }
            }
        }
        if (members.contains(TensorName.parse(output).node())) {
            outputs.add(TensorName.parse(output).toString());
        }
        String tensor = outputs.size() == 1 ? outputs.iterator().next() : null;
        return new Layer(scope, scopeType(graph, scope, members, display, tensor, forward), tensor, true);
    }

    /**
     * A scope with sub-scopes is a container: "Sequential" when its children run one after another
     * (each child reads only its predecessor, the last child's output is the scope's), "Block"
     * otherwise (a residual block). A leaf scope takes the type of the op that makes its output.
     */
    private static String scopeType(GraphIndex graph, String scope, Set<String> members, Map<String, String> display,
            String tensor, Set<String> forward) {
        List<String> children = new ArrayList<>();
        Map<String, String> childOf = new LinkedHashMap<>();
        for (String member : members) {
            String rest = display.get(member).substring(scope.length() + 1);
            int slash = rest.indexOf('/');
            if (slash > 0) {
                String child = rest.substring(0, slash);
                if (!children.contains(child)) {
                    children.add(child);
                }
                childOf.put(member, child);
            }
        }
        if (children.isEmpty()) {
            return tensor == null ? "Scope" : producerType(graph, TensorName.parse(tensor).node(), members);
        }
        if (childOf.size() != members.size() || tensor == null) {
            return "Block";
        }
        for (String member : members) {
            int position = children.indexOf(childOf.get(member));
            for (String input : GraphIndex.dataInputs(graph.node(member))) {
                if (!forward.contains(input)) {
                    continue; // a weight read or a constant
                }
                String from = childOf.get(input);
                boolean chained = from == null ? position == 0
                        : from.equals(children.get(position)) || position > 0 && from.equals(children.get(position - 1));
                if (!chained) {
                    return "Block";
                }
            }
        }
        String last = children.get(children.size() - 1);
        return last.equals(childOf.get(TensorName.parse(tensor).node())) ? "Sequential" : "Block";
    }

    private static String producerType(GraphIndex graph, String node, Set<String> members) {
        String current = node;
        while (PASS_THROUGH.contains(graph.node(current).getOp())) {
            List<String> inputs = GraphIndex.dataInputs(graph.node(current));
            if (inputs.isEmpty() || !members.contains(inputs.get(0))) {
                break;
            }
            current = inputs.get(0);
        }
        return graph.node(current).getOp();
    }

    /** The graph node behind a display name, or null. */
    String nodeOf(String display) {
        return displayToNode.get(display);
    }
}
