package dev.loupe.backend.tensorflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * A GraphDef's nodes with their data edges both ways, and the forward path of a network: the
 * nodes that depend on the input and that the output depends on, in execution order.
 */
final class GraphIndex {

    private final Map<String, NodeDef> nodes = new LinkedHashMap<>();
    private final Map<String, List<String>> consumers = new HashMap<>();

    GraphIndex(GraphDef graph) {
        for (NodeDef node : graph.getNodeList()) {
            nodes.put(node.getName(), node);
        }
        for (NodeDef node : graph.getNodeList()) {
            for (String input : node.getInputList()) {
                if (!input.startsWith("^")) {
                    consumers.computeIfAbsent(TensorName.parse(input).node(), k -> new ArrayList<>()).add(node.getName());
                }
            }
        }
    }

    NodeDef node(String name) {
        return nodes.get(name);
    }

    Set<String> names() {
        return nodes.keySet();
    }

    List<String> consumers(String node) {
        return consumers.getOrDefault(node, List.of());
    }

    /** Nodes on a data path from {@code input} to {@code output}, both included, in execution order. */
    List<String> forwardPath(String input, String output) {
        Set<String> downstream = closure(input, n -> consumers(n));
        Set<String> upstream = closure(output, n -> dataInputs(nodes.get(n)));
        Set<String> path = new HashSet<>(downstream);
        path.retainAll(upstream);
        return topologicalOrder(path);
    }

    static List<String> dataInputs(NodeDef node) {
        List<String> out = new ArrayList<>();
        if (node != null) {
            for (String input : node.getInputList()) {
                if (!input.startsWith("^")) {
                    out.add(TensorName.parse(input).node());
                }
            }
        }
        return out;
    }

    private Set<String> closure(String start, java.util.function.Function<String, List<String>> next) {
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(start));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (nodes.containsKey(name) && seen.add(name)) {
                pending.addAll(next.apply(name));
            }
        }
        return seen;
    }

    /** Kahn's algorithm, ties broken by GraphDef order so the result is deterministic. */
    private List<String> topologicalOrder(Set<String> subset) {
        Map<String, Integer> pendingInputs = new HashMap<>();
        for (String name : subset) {
            int count = 0;
            for (String input : dataInputs(nodes.get(name))) {
                if (subset.contains(input)) {
                    count++;
                }
            }
            pendingInputs.put(name, count);
        }
        List<String> order = new ArrayList<>();
        Deque<String> ready = new ArrayDeque<>();
        for (String name : nodes.keySet()) {
            if (subset.contains(name) && pendingInputs.get(name) == 0) {
                ready.add(name);
            }
        }
        while (!ready.isEmpty()) {
            String name = ready.poll();
            order.add(name);
            for (String consumer : consumers(name)) {
                if (subset.contains(consumer) && pendingInputs.merge(consumer, -1, Integer::sum) == 0) {
                    ready.add(consumer);
                }
            }
        }
        return order;
    }
}
