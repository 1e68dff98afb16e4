package dev.loupe.api;

import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.Npy;
import dev.loupe.render.heatmap.Heatmap;
import dev.loupe.render.image.RgbImage;
import dev.loupe.render.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One image's explanation by one method: the raw map (as the method's formula gives it: signed,
 * unnormalised, at its natural resolution) and the preprocessed image it explains, with ways to
 * render and save both. Immutable.
 */
@Experimental
public final class Explanation {

    private final String method;
    private final RgbImage image;
    private final Attribution attribution;
    private final Labels labels;

    Explanation(String method, RgbImage image, Attribution attribution, Labels labels) {
        this.method = method;
        this.image = image;
        this.attribution = attribution;
        this.labels = labels;
    }

    public String method() {
        return method;
    }

    /** The file explained, or empty for an image given in memory. */
    public Optional<Path> source() {
        return Optional.ofNullable(image.source());
    }

    /** The image after resize and crop, before normalisation: what the map is drawn over. */
    public RgbImage image() {
        return image;
    }

    /** The raw map with target, score, layer and method details. */
    public Attribution attribution() {
        return attribution;
    }

    /** The raw map: (C, H, W) for input methods, (h, w) at the layer for CAMs. */
    public FloatArray map() {
        return attribution.map();
    }

    /** The class explained. */
    public int target() {
        return attribution.target();
    }

    /** The target's name, when labels were given. */
    public Optional<String> targetLabel() {
        return labels.name(attribution.target());
    }

    /** The target's logit for the image. */
    public float score() {
        return attribution.score();
    }

    /** The map as a [0, 1] heatmap at the image's size, through the default pipeline. */
    public Heatmap heatmap() {
        return heatmap(RenderOptions.defaults());
    }

    public Heatmap heatmap(RenderOptions options) {
        return options.pipeline().heatmap(attribution.map(), image.height(), image.width());
    }

    /** The coloured heatmap blended over the image, with the defaults. */
    public BufferedImage overlay() {
        return overlay(RenderOptions.defaults());
    }

    public BufferedImage overlay(RenderOptions options) {
        return heatmap(options).overlay(image, options.colormap(), options.imageWeight());
    }

    /** The coloured heatmap alone. */
    public BufferedImage coloredHeatmap(RenderOptions options) {
        return heatmap(options).colored(options.colormap());
    }

    /** Writes {@link #overlay()} as a PNG, atomically, creating missing folders. */
    public Path saveOverlay(Path png) {
        return saveOverlay(png, RenderOptions.defaults());
    }

    public Path saveOverlay(Path png, RenderOptions options) {
        try {
            AtomicFiles.writePng(png, overlay(options));
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    /** Writes the raw map as a float32 {@code .npy} file (numpy's byte layout), atomically. */
    public Path saveMap(Path npy) {
        try {
            Npy.write(npy, attribution.map());
            return npy;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + npy + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return method + " of " + source().map(Path::toString).orElse("an image in memory") + " for class "
                + targetLabel().map(l -> l + " (" + target() + ")").orElse(Integer.toString(target()))
                + ": map " + attribution.map();
    }
}
