package dev.loupe.render.heatmap;

import dev.loupe.core.stability.Experimental;

/**
 * Which maps share one {@link Scale}, so that their colours can be compared: each map its own
 * (the default), the images explained together in one batch by one method, or one image's
 * maps from all methods of the run.
 */
@Experimental
public enum ScaleSharing {
    NONE("none"),
    BATCH("batch"),
    METHODS("methods");

    private final String id;

    ScaleSharing(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ScaleSharing byName(String name) {
        return Named.byName(ScaleSharing.class, "scale sharing", name, ScaleSharing::id);
    }

    @Override
    public String toString() {
        return id;
    }
}
