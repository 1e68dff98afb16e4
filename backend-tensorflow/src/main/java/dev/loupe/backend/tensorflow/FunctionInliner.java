package dev.loupe.backend.tensorflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Copies the bodies of the functions a graph calls into the graph itself. Keras-style
 * SavedModels run the network inside {@code StatefulPartitionedCall}: the ops inside are not
 * graph nodes, so they cannot be fetched, fed or differentiated through (the C++ gradient
 * registry has no gradient for the call). Inlined, the body's nodes are ordinary nodes named
 * {@code <call>/<node>}, and what consumed the call's outputs consumes the body's results.
 * Only calls the given roots depend on are inlined; a model's save and restore functions stay
 * calls.
 */
final class FunctionInliner {

    private static final Set<String> CALL_OPS = Set.of("PartitionedCall", "StatefulPartitionedCall");

    private final Map<String, FunctionDef> functions = new HashMap<>();
    private final OpSignatures signatures;
    private final Map<String, NodeDef> nodes = new LinkedHashMap<>();
    /** Each removed call output ({@code call:k}) and the tensor that replaced it. */
    private final Map<String, String> aliases = new HashMap<>();
    private final List<String> inlinedCalls = new ArrayList<>();

    private FunctionInliner(GraphDef graph) {
        for (FunctionDef function : graph.getLibrary().getFunctionList()) {
            functions.put(function.getSignature().getName(), function);
        }
        signatures = new OpSignatures(functions);
        for (NodeDef node : graph.getNodeList()) {
            nodes.put(node.getName(), node);
        }
    }

    /** The result: the rewritten graph and how to find a tensor that was a call's output. */
    record Inlined(GraphDef graph, Map<String, String> aliases, List<String> inlinedCalls) {

        /** Where the tensor called {@code name} before inlining now is. */
        String resolve(String name) {
            String current = TensorName.parse(name).toString();
            for (int hops = 0; aliases.containsKey(current); hops++) {
                if (hops > aliases.size()) {
                    throw new IllegalStateException("alias cycle at " + name);
                }
                current = aliases.get(current);
            }
            return current;
        }
    }

    /** Inlines, repeatedly, every function call that the tensors {@code roots} depend on. */
    static Inlined inline(GraphDef graph, Collection<String> roots) {
        FunctionInliner inliner = new FunctionInliner(graph);
        inliner.run(roots);
        GraphDef.Builder out = graph.toBuilder().clearNode();
        inliner.nodes.values().forEach(out::addNode);
        return new Inlined(out.build(), Map.copyOf(inliner.aliases), List.copyOf(inliner.inlinedCalls));
    }

    private boolean isCall(NodeDef node) {
        return CALL_OPS.contains(node.getOp()) && node.getAttrMap().containsKey("f")
                || functions.containsKey(node.getOp());
    }

    private void run(Collection<String> roots) {
        for (String call = nextCall(roots); call != null; call = nextCall(roots)) {
            inlineCall(nodes.get(call));
        }
    }

    /** A call node the roots depend on, or null. */
    private String nextCall(Collection<String> roots) {
        Deque<String> pending = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (String root : roots) {
            pending.add(resolveAlias(root));
        }
        while (!pending.isEmpty()) {
            String name = TensorName.parse(pending.pop()).node();
            if (!seen.add(name)) {
                continue;
            }
            NodeDef node = nodes.get(name);
            if (node == null) {
                continue;
            }
            if (isCall(node)) {
                return name;
            }
            pending.addAll(node.getInputList());
        }
        return null;
    }

    private String resolveAlias(String tensor) {
        String current = TensorName.parse(tensor).toString();
        while (aliases.containsKey(current)) {
            current = aliases.get(current);
        }
        return current;
    }

    private void inlineCall(NodeDef call) {
        String fname = functions.containsKey(call.getOp()) ? call.getOp() : call.getAttrMap().get("f").getFunc().getName();
        FunctionDef function = functions.get(fname);
        if (function == null) {
            throw new IllegalArgumentException("node " + call.getName() + " calls function '" + fname
                    + "', which the graph's library does not have");
        }
        String prefix = call.getName() + "/";
        Map<String, String> args = new HashMap<>();
        List<String> controls = new ArrayList<>();
        int data = 0;
        for (String input : call.getInputList()) {
            if (input.startsWith("^")) {
                controls.add(input);
            } else {
                args.put(function.getSignature().getInputArg(data++).getName(), input);
            }
        }
        Map<String, NodeDef> body = new HashMap<>();
        for (NodeDef node : function.getNodeDefList()) {
            body.put(node.getName(), node);
        }
        nodes.remove(call.getName());
        for (NodeDef node : function.getNodeDefList()) {
            NodeDef.Builder copy = node.toBuilder().setName(prefix + node.getName()).clearInput().clearDevice();
            for (String input : node.getInputList()) {
                copy.addInput(bodyReference(input, prefix, args, body));
            }
            if (node.getInputCount() == 0) {
                // ops with no inputs (constants, variable handles) must still wait for the call's control inputs
                copy.addAllInput(controls);
            }
            nodes.put(copy.getName(), copy.build());
        }
        List<String> results = new ArrayList<>();
        for (int k = 0; k < function.getSignature().getOutputArgCount(); k++) {
            String ret = function.getRetMap().get(function.getSignature().getOutputArg(k).getName());
            String target = TensorName.parse(bodyReference(ret, prefix, args, body)).toString();
            aliases.put(call.getName() + ":" + k, target);
            results.add(target);
        }
        List<String> controlTargets = new ArrayList<>();
        results.forEach(r -> controlTargets.add("^" + TensorName.parse(r).node()));
        function.getControlRetMap().values().forEach(n -> controlTargets.add("^" + prefix + n));
        rewireConsumers(call.getName(), controlTargets);
        inlinedCalls.add(call.getName());
    }

    /** A body input ({@code arg}, {@code node:out:i} or {@code ^node}) as a graph input. */
    private String bodyReference(String input, String prefix, Map<String, String> args, Map<String, NodeDef> body) {
        boolean control = input.startsWith("^");
        String ref = control ? input.substring(1) : input;
        String[] parts = ref.split(":");
        String head = parts[0];
        if (args.containsKey(head) && !body.containsKey(head)) {
            String outer = args.get(head);
            return control ? "^" + TensorName.parse(outer).node() : outer;
        }
        if (control) {
            return "^" + prefix + head;
        }
        if (parts.length == 1) {
            return prefix + head;
        }
        int index = parts.length == 3 ? Integer.parseInt(parts[2]) : 0;
        return prefix + head + ":" + signatures.flatIndex(body.get(head), parts[1], index);
    }

    private void rewireConsumers(String call, List<String> controlTargets) {
        for (Map.Entry<String, NodeDef> entry : nodes.entrySet()) {
            NodeDef node = entry.getValue();
            boolean touches = node.getInputList().stream().anyMatch(i -> TensorName.parse(i).node().equals(call));
            if (!touches) {
                continue;
            }
            NodeDef.Builder copy = node.toBuilder().clearInput();
            for (String input : node.getInputList()) {
                if (!TensorName.parse(input).node().equals(call)) {
                    copy.addInput(input);
                } else if (input.startsWith("^")) {
                    copy.addAllInput(controlTargets);
                } else {
                    copy.addInput(aliases.get(TensorName.parse(input).toString()));
                }
            }
            entry.setValue(copy.build());
        }
    }
}
