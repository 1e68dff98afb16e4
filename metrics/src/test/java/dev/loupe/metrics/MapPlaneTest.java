package dev.loupe.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.loupe.core.explain.Attribution;
import dev.loupe.core.tensor.FloatArray;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapPlaneTest {

    @Test
    void aLayerMapIsUpsampledBilinearlyWithHalfPixelCentres() {
        // 2 -> 10: source position max(0, (i + 0.5) / 5 - 0.5), so the profile of [1, 0] is 1 1 1 .8 .6 .4 .2 0 0 0
        Attribution layer = new Attribution(new FloatArray(new float[] {1, 0, 1, 0}, new long[] {2, 2}),
                Attribution.MapKind.LAYER, 0, 0f, "features", Map.of());
        float[] plane = MapPlane.of(layer, 10, 10, MapPlane.Reduction.SUM);
        float[] profile = {1, 1, 1, 0.8f, 0.6f, 0.4f, 0.2f, 0, 0, 0};
        for (int y = 0; y < 10; y++) {
            assertArrayEquals(profile, java.util.Arrays.copyOfRange(plane, y * 10, y * 10 + 10), 1e-6f, "row " + y);
        }
    }

    @Test
    void channelsAreSummedSignedOrReducedByLargestMagnitude() {
        Attribution map = new Attribution(new FloatArray(new float[] {1, -3, 2, 2}, new long[] {2, 1, 2}),
                Attribution.MapKind.INPUT, 0, 0f, null, Map.of());
        assertArrayEquals(new float[] {3, -1}, MapPlane.of(map, 1, 2, MapPlane.Reduction.SUM));
        assertArrayEquals(new float[] {2, 3}, MapPlane.of(map, 1, 2, MapPlane.Reduction.ABS_MAX));
    }

    @Test
    void oneChannelKeepsItsSign() {
        Attribution map = new Attribution(new FloatArray(new float[] {-1, 2}, new long[] {1, 1, 2}),
                Attribution.MapKind.INPUT, 0, 0f, null, Map.of());
        assertArrayEquals(new float[] {-1, 2}, MapPlane.of(map, 1, 2, MapPlane.Reduction.ABS_MAX));
    }
}
