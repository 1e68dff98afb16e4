package dev.loupe.cli.localisation;

import dev.loupe.core.explain.Attribution;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.heatmap.ChannelReduction;
import dev.loupe.render.image.Bilinear;

/**
 * How well one map finds the object of a known mask: the pointing game (is the map's maximum on
 * the object?) and the energy share (the fraction of the map's positive mass on the object).
 *
 * <p>The map is brought to one value per input pixel first: a three-channel input map by the
 * largest absolute value over channels (how saliency is displayed), a one-channel input map
 * (occlusion, RISE) as it is, signed, and a layer map by bilinear upsampling of its raw values.
 */
public record LocalisationScore(boolean hit, double energyInside) {

    /** Scores {@code attribution} against {@code mask} (row-major, height x width, true on the object). */
    public static LocalisationScore of(Attribution attribution, boolean[] mask, int height, int width) {
        return of(toPixels(attribution.map(), height, width), mask);
    }

    /** Scores a map with one value per pixel. A map with no positive value scores no energy and no hit. */
    public static LocalisationScore of(float[] pixels, boolean[] mask) {
        if (pixels.length != mask.length) {
            throw new IllegalArgumentException(pixels.length + " map values for a mask of " + mask.length + " pixels");
        }
        int best = 0;
        double positive = 0;
        double inside = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] > pixels[best]) {
                best = i;
            }
            if (pixels[i] > 0) {
                positive += pixels[i];
                if (mask[i]) {
                    inside += pixels[i];
                }
            }
        }
        if (positive == 0) {
            return new LocalisationScore(false, 0);
        }
        return new LocalisationScore(mask[best], inside / positive);
    }

    static float[] toPixels(FloatArray map, int height, int width) {
        FloatArray plane = switch (map.rank()) {
            case 2 -> Bilinear.resize(map, height, width);
            case 3 -> map.dim(0) == 1 ? map.reshape(map.dim(1), map.dim(2)) : ChannelReduction.ABS_MAX.apply(map);
            default -> throw new IllegalArgumentException("not an attribution map: " + map);
        };
        if (plane.dim(0) != height || plane.dim(1) != width) {
            plane = Bilinear.resize(plane, height, width);
        }
        return plane.data();
    }
}
