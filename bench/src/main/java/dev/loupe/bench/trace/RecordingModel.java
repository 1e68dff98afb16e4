package dev.loupe.bench.trace;

import dev.loupe.core.layer.LayerInfo;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelDescription;
import dev.loupe.core.model.Scope;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model whose scopes log every engine call a method makes through them (see
 * {@link EngineCall}), between {@link #start()} and {@link #finish()}. Calls are passed on
 * unchanged and tensors come back unwrapped, so a method runs exactly as it would on the model
 * itself; the log costs a record per call. Works for any method, plugins included, since every
 * method reaches the engine through {@link Scope}. Not thread-safe: one explanation at a time.
 *
 * <p>Closing this wrapper does not close the wrapped model: whoever opened it closes it.
 */
@Internal
public final class RecordingModel implements ExplainableModel {

    private final ExplainableModel model;
    private List<EngineCall> calls;
    private final Map<Tensor, Integer> uploads = new IdentityHashMap<>();
    private int nextScope;
    private CapturedInputs captured;
    private long captureNanos;

    public RecordingModel(ExplainableModel model) {
        this.model = model;
    }

    /** Starts a new trace without capturing values; calls made before are forgotten. */
    public void start() {
        start(false);
    }

    /**
     * Starts a new trace. With {@code capture}, the values of the method's inputs are kept too
     * (see {@link CapturedInputs}); copying computed inputs to the host takes time, which
     * {@link #captureNanos()} reports so that the caller can leave it out of the method's time.
     */
    public void start(boolean capture) {
        calls = new ArrayList<>();
        uploads.clear();
        nextScope = 0;
        captured = capture ? new CapturedInputs() : null;
        captureNanos = 0;
    }

    /** The calls since {@link #start()}; recording stops until the next start. */
    public Trace finish() {
        if (calls == null) {
            throw new IllegalStateException("finish() without start()");
        }
        Trace trace = new Trace(calls);
        calls = null;
        uploads.clear();
        return trace;
    }

    /** The values captured by the last trace, or {@link CapturedInputs#none()} if it did not capture. */
    public CapturedInputs captured() {
        return captured == null ? CapturedInputs.none() : captured;
    }

    /** Nanoseconds the last trace spent copying computed inputs to the host. */
    public long captureNanos() {
        return captureNanos;
    }

    @Override
    public ModelDescription description() {
        return model.description();
    }

    @Override
    public Set<Capability> capabilities() {
        return model.capabilities();
    }

    @Override
    public String whyNot(Capability capability) {
        return model.whyNot(capability);
    }

    @Override
    public dev.loupe.core.model.ModelParameters parameters() {
        return model.parameters();
    }

    @Override
    public List<LayerInfo> layers() {
        return model.layers();
    }

    @Override
    public Scope openScope() {
        Scope inner = model.openScope();
        int id = nextScope++;
        record(new EngineCall.ScopeOpened(id));
        return new RecordingScope(this, inner, id);
    }

    /** Does nothing: the wrapped model belongs to the caller. */
    @Override
    public void close() {
    }

    /** Logs a call; returns its index in the trace, or -1 when not recording. */
    int record(EngineCall call) {
        if (calls == null) {
            return -1;
        }
        calls.add(call);
        return calls.size() - 1;
    }

    void uploaded(Tensor tensor, FloatArray values, int index) {
        if (index >= 0) {
            uploads.put(tensor, index);
            if (captured != null) {
                captured.upload(index, values);
            }
        }
    }

    /** Captures a pass's input (or a scaled forward's factor) that the method computed, when capturing. */
    void computed(Tensor tensor, int index, boolean factor) {
        if (index < 0 || captured == null || uploadIndex(tensor) >= 0) {
            return;
        }
        long t0 = System.nanoTime();
        FloatArray values = tensor.toHost();
        captureNanos += System.nanoTime() - t0;
        if (factor) {
            captured.factor(index, values);
        } else {
            captured.passInput(index, values);
        }
    }

    /** The trace index of the upload that made {@code tensor}, or -1 when the method computed it. */
    int uploadIndex(Tensor tensor) {
        Integer index = uploads.get(tensor);
        return index == null ? -1 : index;
    }
}
