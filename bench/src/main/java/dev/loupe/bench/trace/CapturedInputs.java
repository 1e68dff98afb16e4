package dev.loupe.bench.trace;

import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;
import java.util.HashMap;
import java.util.Map;

/**
 * The values a method's engine calls used, by call index in its {@link Trace}: the arrays it
 * uploaded (kept by reference, no copy) and the inputs and factors it computed on the engine
 * (copied to the host by the recorder, whose copying time is not counted against the method).
 * Arrays drawn inside {@code randomNormal} are not captured: the replay uploads standard normal
 * values of the same shape, which is what they are.
 */
@Internal
public final class CapturedInputs {

    private final Map<Integer, FloatArray> uploads = new HashMap<>();
    private final Map<Integer, FloatArray> passInputs = new HashMap<>();
    private final Map<Integer, FloatArray> factors = new HashMap<>();

    public static CapturedInputs none() {
        return new CapturedInputs();
    }

    /** Only the array that upload {@code call} uploads. */
    public static CapturedInputs ofUpload(int call, FloatArray values) {
        CapturedInputs captured = new CapturedInputs();
        captured.upload(call, values);
        return captured;
    }

    void upload(int call, FloatArray values) {
        uploads.put(call, values);
    }

    void passInput(int call, FloatArray values) {
        passInputs.put(call, values);
    }

    void factor(int call, FloatArray values) {
        factors.put(call, values);
    }

    FloatArray upload(int call) {
        return uploads.get(call);
    }

    FloatArray passInput(int call) {
        return passInputs.get(call);
    }

    FloatArray factor(int call) {
        return factors.get(call);
    }

    public boolean isEmpty() {
        return uploads.isEmpty() && passInputs.isEmpty() && factors.isEmpty();
    }

    /** Bytes held: the copies of computed inputs, and the uploaded arrays kept alive by reference. */
    public long bytes() {
        long floats = 0;
        for (Map<Integer, FloatArray> m : java.util.List.of(uploads, passInputs, factors)) {
            for (FloatArray a : m.values()) {
                floats += a.size();
            }
        }
        return 4 * floats;
    }
}
