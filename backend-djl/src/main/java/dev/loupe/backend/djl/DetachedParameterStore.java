package dev.loupe.backend.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands blocks their parameters as detached aliases, so that autograd never reaches the caller's
 * parameter arrays.
 *
 * <p>Why: DJL's {@code Parameter.initialize} marks every parameter array {@code requires_grad}
 * (parameters require gradients unless frozen), and a plain {@code ParameterStore(manager,
 * false)} returns those very arrays. A backward would then accumulate into each weight's
 * {@code .grad}, across passes and threads, and cost a gradient per weight. Freezing the block
 * would change the caller's block. Here {@code getValue} returns {@code stopGradient()} of the
 * parameter: the same storage (no copy), without {@code requires_grad}, attached to the unit of
 * work's manager so the handle is freed with it. Blocks that read {@code Parameter.getArray()}
 * directly instead of asking the store (of DJL's own blocks only {@code Embedding}) bypass this.
 */
final class DetachedParameterStore extends ParameterStore {

    private final NDManager manager;
    private final Map<String, NDArray> values = new HashMap<>();

    DetachedParameterStore(NDManager manager) {
        super(manager, false);
        this.manager = manager;
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        if (parameter == null) {
            return null;
        }
        return values.computeIfAbsent(parameter.getId(), id -> {
            NDArray value = parameter.getArray().stopGradient();
            value.attach(manager);
            if (!value.getDevice().equals(device)) {
                value = value.toDevice(device, true);
                value.attach(manager);
            }
            return value;
        });
    }
}
