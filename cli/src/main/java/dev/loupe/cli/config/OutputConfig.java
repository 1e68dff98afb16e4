package dev.loupe.cli.config;

import dev.loupe.core.stability.Internal;
import dev.loupe.render.color.Colormap;
import dev.loupe.render.heatmap.ChannelReduction;
import dev.loupe.render.heatmap.SignHandling;
import dev.loupe.render.heatmap.Upsampling;
import dev.loupe.render.io.ImageFormat;
import dev.loupe.render.io.PictureFormat;
import dev.loupe.render.kind.OutputKind;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code output:} section.
 *
 * @param dir            the folder results are written to; required; relative to the config
 *                       file's folder
 * @param overlayAlpha   ({@code overlay-alpha}) opacity of the heat map over the image, in [0, 1];
 *                       default 0.5
 * @param colormap       the colour map's name; default {@code jet}; any name {@link Colormap} knows
 * @param reduction      how a (C, H, W) map becomes one channel; default {@code abs-max}
 * @param sign           which part of a signed map is shown; default {@code as-is}
 * @param clip           a Captum-style outlier percentage (2 clips the top 2 % of |v|'s mass);
 *                       absent: plain min-max
 * @param upsample       how a layer-resolution map reaches the image's size; default {@code bilinear}
 * @param kinds          the pictures written per map; default {@code [overlay]}
 * @param maskTopPercent ({@code mask-top-percent}) share of pixels the {@code masked} kind keeps;
 *                       default 10
 * @param format         the pictures' file format, {@code png} (default) or {@code jpeg}; raw maps stay .npy
 * @param jpegQuality    ({@code jpeg-quality}) 1-100, for {@code format: jpeg}; default 90
 * @param grid           one comparison figure per run ({@code grid.png}): images as rows, methods
 *                       as columns; default false
 * @param report         also write the HTML report, {@code <dir>/report/index.html}; default false
 */
@Internal
public record OutputConfig(
        Path dir,
        @Default("0.5") @Range(min = 0, max = 1) double overlayAlpha,
        @Default("jet") String colormap,
        @Default("abs-max") ChannelReduction reduction,
        @Default("as-is") SignHandling sign,
        @Nullable @Range(min = 0, max = 100, minExclusive = true, maxExclusive = true) Double clip,
        @Default("bilinear") Upsampling upsample,
        @Default("[overlay]") List<OutputKind> kinds,
        @Default("10") @Range(min = 0, max = 100) double maskTopPercent,
        @Default("png") ImageFormat format,
        @Default("90") @Range(min = 1, max = 100) int jpegQuality,
        @Default("false") boolean grid,
        @Default("false") boolean report) implements Validatable {

    /** The render options at their defaults. */
    public OutputConfig(Path dir, double overlayAlpha, String colormap) {
        this(dir, overlayAlpha, colormap, ChannelReduction.ABS_MAX, SignHandling.AS_IS, null, Upsampling.BILINEAR,
                List.of(OutputKind.OVERLAY), 10, ImageFormat.PNG, PictureFormat.DEFAULT_JPEG_QUALITY, false, false);
    }

    /** How pictures are written. */
    public PictureFormat pictureFormat() {
        return new PictureFormat(format, jpegQuality);
    }

    @Override
    public void validate(Validation validation) {
        if (!Colormap.names().contains(colormap)) {
            try {
                Colormap.byName(colormap);
            } catch (IllegalArgumentException e) {
                // the renderer's message carries the did-you-mean and the known names
                validation.error("colormap", e.getMessage());
            }
        }
        if (kinds.isEmpty()) {
            validation.error("kinds", "list at least one output kind; known: " + String.join(", ", OutputKind.ids()));
        }
        Set<OutputKind> seen = new HashSet<>();
        for (int i = 0; i < kinds.size(); i++) {
            if (!seen.add(kinds.get(i))) {
                validation.error("kinds[" + i + "]", "'" + kinds.get(i) + "' is listed twice");
            }
        }
    }
}
