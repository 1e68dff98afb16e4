package dev.loupe.api;

import dev.loupe.core.stability.Experimental;
import dev.loupe.render.color.Colormap;
import dev.loupe.render.heatmap.MapPipeline;
import java.util.Objects;

/**
 * How an {@link Explanation} becomes a picture: the map pipeline (channel reduction, sign,
 * normalisation, upsampling; see {@link MapPipeline}), the colormap, and the image's share of an
 * overlay. The same choices as the YAML file's {@code output:} section.
 *
 * @param pipeline raw map to a [0, 1] heatmap at the image's size
 * @param colormap e.g. {@link Colormap#jet()}, {@code Colormap.byName("viridis")}
 * @param imageWeight the image's share of an overlay, in [0, 1]
 */
@Experimental
public record RenderOptions(MapPipeline pipeline, Colormap colormap, double imageWeight) {

    public RenderOptions {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(colormap, "colormap");
        if (!(imageWeight >= 0 && imageWeight <= 1)) {
            throw new IllegalArgumentException("image weight must be in [0, 1], got " + imageWeight);
        }
    }

    /** What {@code loupe explain} draws by default: abs-max over channels, per-map min-max, bilinear, jet, half image. */
    public static RenderOptions defaults() {
        return new RenderOptions(MapPipeline.defaults(), Colormap.jet(), 0.5);
    }

    public RenderOptions withPipeline(MapPipeline newPipeline) {
        return new RenderOptions(newPipeline, colormap, imageWeight);
    }

    public RenderOptions withColormap(Colormap newColormap) {
        return new RenderOptions(pipeline, newColormap, imageWeight);
    }

    public RenderOptions withImageWeight(double weight) {
        return new RenderOptions(pipeline, colormap, weight);
    }
}
