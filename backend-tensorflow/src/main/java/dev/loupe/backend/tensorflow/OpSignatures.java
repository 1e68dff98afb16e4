package dev.loupe.backend.tensorflow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;

/**
 * The output arguments of ops and library functions. A function body names a tensor as
 * {@code node:output_arg:index}, a graph as {@code node:flat_index}; converting needs each
 * argument's length, which for list arguments depends on the node's attributes.
 */
final class OpSignatures {

    private static volatile Map<String, OpDef> registered;

    private final Map<String, FunctionDef> functions;

    OpSignatures(Map<String, FunctionDef> functions) {
        this.functions = functions;
    }

    /** The flat output index of {@code node}'s output {@code arg}, element {@code index}. */
    int flatIndex(NodeDef node, String arg, int index) {
        List<OpDef.ArgDef> outputs = outputArgs(node.getOp());
        int offset = 0;
        for (OpDef.ArgDef def : outputs) {
            if (def.getName().equals(arg)) {
                return offset + index;
            }
            offset += length(def, node);
        }
        throw new IllegalArgumentException("op " + node.getOp() + " (node " + node.getName() + ") has no output '" + arg + "'");
    }

    private List<OpDef.ArgDef> outputArgs(String op) {
        FunctionDef function = functions.get(op);
        if (function != null) {
            return function.getSignature().getOutputArgList();
        }
        OpDef def = registered().get(op);
        if (def == null) {
            throw new IllegalArgumentException("op type '" + op + "' is not registered in this TensorFlow build ("
                    + TensorFlow.version() + ")");
        }
        return def.getOutputArgList();
    }

    private static int length(OpDef.ArgDef def, NodeDef node) {
        if (!def.getNumberAttr().isEmpty()) {
            return (int) attr(node, def.getNumberAttr()).getI();
        }
        if (!def.getTypeListAttr().isEmpty()) {
            return attr(node, def.getTypeListAttr()).getList().getTypeCount();
        }
        return 1;
    }

    private static AttrValue attr(NodeDef node, String name) {
        AttrValue value = node.getAttrMap().get(name);
        if (value == null) {
            throw new IllegalArgumentException("node " + node.getName() + " lacks attribute " + name);
        }
        return value;
    }

    private static Map<String, OpDef> registered() {
        Map<String, OpDef> ops = registered;
        if (ops == null) {
            ops = new HashMap<>();
            for (OpDef def : TensorFlow.registeredOpList().getOpList()) {
                ops.put(def.getName(), def);
            }
            registered = ops;
        }
        return ops;
    }
}
