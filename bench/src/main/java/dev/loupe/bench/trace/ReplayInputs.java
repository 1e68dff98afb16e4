package dev.loupe.bench.trace;

import dev.loupe.core.stability.Internal;
import dev.loupe.core.tensor.FloatArray;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The host arrays a replay uploads, prepared before the replay is timed: the values the method
 * itself used where they were captured ({@link CapturedInputs}), standard normal values of the
 * same shape elsewhere (one array per shape). Values matter for speed even on a CPU: max-pool and
 * ReLU kernels branch on them, and a small CNN ran 10 % faster on inputs near zero (Integrated
 * Gradients' first points) than on random ones, so a floor on random inputs would misstate the
 * overhead of a method whose inputs are unusual.
 */
@Internal
public final class ReplayInputs {

    private final CapturedInputs captured;
    private final Map<Shape, FloatArray> random = new HashMap<>();

    private ReplayInputs(CapturedInputs captured) {
        this.captured = captured;
    }

    /** Random values for every array of {@code trace}; none captured. */
    public static ReplayInputs random(Trace trace, long seed) {
        return of(trace, CapturedInputs.none(), seed);
    }

    /** The captured values where there are some, random ones of the right shapes for the rest. */
    public static ReplayInputs of(Trace trace, CapturedInputs captured, long seed) {
        ReplayInputs inputs = new ReplayInputs(captured);
        SplittableRandom generator = new SplittableRandom(seed);
        for (int i = 0; i < trace.calls().size(); i++) {
            EngineCall call = trace.calls().get(i);
            if (call instanceof EngineCall.Upload u && captured.upload(i) == null) {
                inputs.draw(u.shape(), generator);
            } else if (call instanceof EngineCall.Pass p && p.inputFrom() < 0 && captured.passInput(i) == null) {
                inputs.draw(p.input(), generator);
            }
            if (call instanceof EngineCall.ForwardScaled s && s.factorFrom() < 0 && captured.factor(i) == null) {
                inputs.draw(s.factor(), generator);
            }
        }
        return inputs;
    }

    private void draw(Shape shape, SplittableRandom generator) {
        random.computeIfAbsent(shape, s -> {
            float[] values = new float[Math.toIntExact(s.elements())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) generator.nextGaussian();
            }
            return new FloatArray(values, s.dims());
        });
    }

    /** What upload {@code call} uploads. */
    FloatArray upload(int call, Shape shape) {
        return orRandom(captured.upload(call), shape);
    }

    /** The input of pass {@code call}, when the method computed it. */
    FloatArray passInput(int call, Shape shape) {
        return orRandom(captured.passInput(call), shape);
    }

    /** The factor of scaled forward {@code call}, when the method computed it. */
    FloatArray factor(int call, Shape shape) {
        return orRandom(captured.factor(call), shape);
    }

    private FloatArray orRandom(FloatArray value, Shape shape) {
        if (value != null) {
            return value;
        }
        FloatArray array = random.get(shape);
        if (array == null) {
            throw new IllegalArgumentException("no input of shape " + shape + " was prepared; prepared: " + random.keySet());
        }
        return array;
    }
}
