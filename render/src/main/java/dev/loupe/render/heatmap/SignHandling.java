package dev.loupe.render.heatmap;

import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;

/**
 * Which part of a signed map is shown. Captum's {@code visualize_image_attr} offers the last
 * four ({@code positive}, {@code negative}, {@code absolute_value}, {@code all}); {@code as-is}
 * keeps Loupe's earlier display (the values as reduced, min-max scaled) and is the default.
 */
@Experimental
public enum SignHandling {
    /** The values as they are, scaled from their minimum to their maximum. */
    AS_IS("as-is"),
    /** max(v, 0): evidence for the class. */
    POSITIVE("positive"),
    /** max(-v, 0): evidence against it, shown as a magnitude. */
    NEGATIVE("negative"),
    /** |v|. */
    ABSOLUTE("absolute"),
    /** v, scaled symmetrically so that 0 sits in the middle of a diverging colormap. */
    SIGNED("signed");

    private final String id;

    SignHandling(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static SignHandling byName(String name) {
        return Named.byName(SignHandling.class, "sign handling", name, SignHandling::id);
    }

    /** Whether 0 is mapped to the middle of the colour scale. */
    public boolean centred() {
        return this == SIGNED;
    }

    /** A new array of the same shape. */
    public FloatArray apply(FloatArray map) {
        float[] in = map.data();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            float v = in[i];
            out[i] = switch (this) {
                case AS_IS, SIGNED -> v;
                case POSITIVE -> v > 0 ? v : 0f;
                case NEGATIVE -> v < 0 ? -v : 0f;
                case ABSOLUTE -> Math.abs(v);
            };
        }
        return new FloatArray(out, map.shape());
    }

    @Override
    public String toString() {
        return id;
    }
}
