package dev.loupe.render.kind;

import dev.loupe.core.stability.Experimental;
import dev.loupe.core.text.Suggestions;
import java.util.Arrays;
import java.util.List;

/** The pictures Loupe can write for one map; each is {@code <method>.<kind>.png}, the overlay also {@code <method>.png}. */
@Experimental
public enum OutputKind {
    /** The heatmap blended over the image. */
    OVERLAY("overlay"),
    /** The coloured heatmap alone. */
    HEATMAP("heatmap"),
    /** The heatmap blended over the image's Canny edge map (white edges on black). */
    EDGES("edges"),
    /** A (3, H, W) map's channels as red, green and blue, min-max over the whole map. */
    RGB_GRADIENT("rgb-gradient"),
    /** The image where the map is in its top percent, black elsewhere. */
    MASKED("masked");

    private final String id;

    OutputKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(OutputKind::id).toList();
    }

    public static OutputKind byName(String name) {
        for (OutputKind k : values()) {
            if (k.id.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("Unknown output kind '" + name + "'." + Suggestions.didYouMean(name, ids())
                + " Known: " + String.join(", ", ids()) + ".");
    }

    @Override
    public String toString() {
        return id;
    }
}
