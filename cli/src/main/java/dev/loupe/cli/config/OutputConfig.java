package dev.loupe.cli.config;

import java.nio.file.Path;

/**
 * The {@code output:} section.
 *
 * @param dir          the folder results are written to; required; relative to the config file's
 *                     folder
 * @param overlayAlpha ({@code overlay-alpha}) opacity of the heat map over the image, in [0, 1];
 *                     default 0.5
 * @param colormap     the colour map's name; default {@code jet}; checked by the renderer
 */
public record OutputConfig(
        Path dir,
        @Default("0.5") @Range(min = 0, max = 1) double overlayAlpha,
        @Default("jet") String colormap) {
}
