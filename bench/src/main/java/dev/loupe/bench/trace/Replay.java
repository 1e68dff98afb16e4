package dev.loupe.bench.trace;

import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.Scope;
import dev.loupe.core.model.TargetResolver;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The floor of a method: its {@link Trace} replayed back to back through the same model's scopes,
 * with no method code in between. Scopes are opened and closed where the method did; uploads
 * upload arrays of the same shapes (the method's own values when they were captured, see
 * {@link ReplayInputs}); each pass runs with the same hooks (layers, input gradient, ReLU rule)
 * and the same target classes. A pass whose input was a tensor the method uploaded gets the
 * replayed upload; a pass whose input the method computed (noisy copies, interpolation points)
 * gets that input uploaded right before it, so the floor holds one host-to-engine copy the
 * method did not make — small next to a pass, and on the floor's side.
 *
 * <p>CPU engines (libtorch through DJL) finish each call before returning, so timing the replay
 * times the work; an asynchronous GPU backend would need a synchronisation at the end.
 */
@Internal
public final class Replay {

    private Replay() {
    }

    /** Makes every call of {@code trace} on {@code model}, uploading arrays from {@code inputs}. */
    public static void run(Trace trace, ExplainableModel model, ReplayInputs inputs) {
        Map<Integer, Scope> open = new LinkedHashMap<>();
        Map<Integer, Tensor> uploaded = new HashMap<>();
        List<EngineCall> calls = trace.calls();
        try {
            for (int n = 0; n < calls.size(); n++) {
                int i = n;
                EngineCall call = calls.get(i);
                if (call instanceof EngineCall.ScopeOpened) {
                    open.put(call.scope(), model.openScope());
                } else if (call instanceof EngineCall.ScopeClosed) {
                    Scope scope = open.remove(call.scope());
                    if (scope != null) {
                        scope.close();
                    }
                } else if (call instanceof EngineCall.Upload u) {
                    uploaded.put(i, scope(open, u).upload(inputs.upload(i, u.shape())));
                } else if (call instanceof EngineCall.Forward f) {
                    Scope scope = scope(open, f);
                    Tensor input = tensor(scope, uploaded, f.inputFrom(), () -> inputs.passInput(i, f.input()));
                    scope.forward(input, f.hooks());
                } else if (call instanceof EngineCall.Gradients g) {
                    Scope scope = scope(open, g);
                    Tensor input = tensor(scope, uploaded, g.inputFrom(), () -> inputs.passInput(i, g.input()));
                    scope.gradients(input, g.hooks(), targets(g.targets()));
                } else if (call instanceof EngineCall.ForwardScaled s) {
                    Scope scope = scope(open, s);
                    Tensor input = tensor(scope, uploaded, s.inputFrom(), () -> inputs.passInput(i, s.input()));
                    Tensor factor = tensor(scope, uploaded, s.factorFrom(), () -> inputs.factor(i, s.factor()));
                    scope.forwardScaled(input, s.layer(), factor);
                } else {
                    throw new IllegalStateException("unknown engine call " + call);
                }
            }
        } finally {
            // scopes a method left open (or all of them, after a failure), innermost first
            List<Scope> left = new ArrayList<>(open.values());
            for (int i = left.size() - 1; i >= 0; i--) {
                left.get(i).close();
            }
        }
    }

    private static Scope scope(Map<Integer, Scope> open, EngineCall call) {
        Scope scope = open.get(call.scope());
        if (scope == null) {
            throw new IllegalStateException("call " + call + " is in scope " + call.scope() + ", which is not open");
        }
        return scope;
    }

    /** The replayed upload {@code from}, or else {@code values} uploaded now. */
    private static Tensor tensor(Scope scope, Map<Integer, Tensor> uploaded, int from, Supplier<FloatArray> values) {
        if (from >= 0) {
            Tensor tensor = uploaded.get(from);
            if (tensor == null) {
                throw new IllegalStateException("call " + from + " made no tensor to reuse");
            }
            return tensor;
        }
        return scope.upload(values.get());
    }

    /** The recorded classes; the top class of each image when none were recorded. */
    private static TargetResolver targets(List<Integer> recorded) {
        if (recorded.isEmpty()) {
            return Replay::argmax;
        }
        int[] classes = recorded.stream().mapToInt(Integer::intValue).toArray();
        return logits -> classes.clone();
    }

    private static int[] argmax(FloatArray logits) {
        int batch = (int) logits.dim(0);
        int classes = (int) logits.dim(1);
        int[] chosen = new int[batch];
        for (int b = 0; b < batch; b++) {
            for (int c = 1; c < classes; c++) {
                if (logits.data()[b * classes + c] > logits.data()[b * classes + chosen[b]]) {
                    chosen[b] = c;
                }
            }
        }
        return chosen;
    }
}
