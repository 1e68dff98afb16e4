package dev.loupe.cli;

import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.heatmap.Heatmap;
import dev.loupe.render.heatmap.HeatmapStyle;
import dev.loupe.render.image.RgbImage;
import dev.loupe.render.kind.EdgeOverlay;
import dev.loupe.render.kind.OutputKind;
import dev.loupe.render.kind.RgbGradient;
import dev.loupe.render.kind.TopMask;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Writes the configured output kinds of one single-layer map, each atomically. */
final class KindPictures {

    private final Rendering rendering;
    private final HeatmapStyle style;
    private final PrintWriter err;
    /** Methods already warned about rgb-gradient: one warning per method, not per image. */
    private final Set<String> warned = new HashSet<>();

    KindPictures(Rendering rendering, HeatmapStyle style, PrintWriter err) {
        this.rendering = rendering;
        this.style = style;
        this.err = err;
    }

    /** The files written, by kind, in the configured order. */
    Map<String, Path> write(Path dir, String method, FloatArray raw, RgbImage image) throws IOException {
        Heatmap heatmap = rendering.pipeline().heatmap(raw, image.height(), image.width());
        Map<String, Path> written = new LinkedHashMap<>();
        for (OutputKind kind : rendering.kinds()) {
            BufferedImage picture = draw(kind, method, raw, heatmap, image);
            if (picture != null) {
                Path file = dir.resolve(rendering.fileName(method, kind));
                rendering.format().write(file, picture);
                written.put(kind.id(), file);
            }
        }
        return written;
    }

    private BufferedImage draw(OutputKind kind, String method, FloatArray raw, Heatmap heatmap, RgbImage image) {
        return switch (kind) {
            case OVERLAY -> style.overlay(heatmap, image);
            case HEATMAP -> style.colored(heatmap);
            case EDGES -> EdgeOverlay.draw(heatmap, image, style.colormap(), style.imageWeight());
            case MASKED -> TopMask.draw(heatmap, image, rendering.maskTopPercent());
            case RGB_GRADIENT -> rgbGradient(method, raw, image);
        };
    }

    private BufferedImage rgbGradient(String method, FloatArray raw, RgbImage image) {
        long[] shape = raw.shape();
        if (shape.length == 3 && (shape[0] == 3 || shape[0] == 1)) {
            return RgbGradient.draw(raw, rendering.pipeline().upsampling(), image.height(), image.width());
        }
        if (warned.add(method)) {
            err.println("warning: " + method + ": rgb-gradient needs a (3, H, W) input map, got shape "
                    + java.util.Arrays.toString(shape) + "; skipped for this method.");
        }
        return null;
    }
}
