package dev.loupe.metrics;

import dev.loupe.core.stability.Internal;
import java.util.Arrays;
import java.util.Comparator;

/** Pixel indices ordered from the most to the least relevant; equal values keep pixel order, so a ranking is reproducible. */
@Internal
public final class PixelRanking {

    private PixelRanking() {
    }

    public static int[] descending(float[] plane) {
        Integer[] order = new Integer[plane.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // a stable sort on -value; NaN (a broken map) sorts last
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> Float.isNaN(plane[i]) ? Double.POSITIVE_INFINITY : -plane[i]));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }
}
