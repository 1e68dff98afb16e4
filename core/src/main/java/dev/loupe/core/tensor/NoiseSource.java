package dev.loupe.core.tensor;

import dev.loupe.core.stability.Stable;

/**
 * Where random values come from. Explainers never call a backend's own random generator: noise
 * is drawn here, on the host, from a seeded stream, so that every backend sees the same noise
 * for the same seed and a test can inject the exact noise a reference used.
 */
@FunctionalInterface
@Stable
public interface NoiseSource {

    /** The next {@code shape}-sized block of standard normal values. */
    FloatArray nextStandardNormal(long... shape);

    /** A reproducible stream: the same seed gives the same values on every JVM. */
    static NoiseSource seeded(long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        return shape -> {
            float[] values = new float[Math.toIntExact(FloatArray.elementCount(shape))];
            // Box-Muller on SplittableRandom: its sequence is specified, and StrictMath's results
            // are too (Math's log/cos/sin may differ by an ulp between JVMs and CPUs), so the
            // values are the same on every JVM.
            for (int i = 0; i < values.length; i += 2) {
                double u1 = 1.0 - random.nextDouble();
                double u2 = random.nextDouble();
                double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
                values[i] = (float) (r * StrictMath.cos(2 * Math.PI * u2));
                if (i + 1 < values.length) {
                    values[i + 1] = (float) (r * StrictMath.sin(2 * Math.PI * u2));
                }
            }
            return new FloatArray(values, shape);
        };
    }
}
