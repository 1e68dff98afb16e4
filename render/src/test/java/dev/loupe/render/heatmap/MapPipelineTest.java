package dev.loupe.render.heatmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.loupe.core.tensor.FloatArray;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapPipelineTest {

    private static FloatArray map(float... v) {
        return new FloatArray(v, new long[] {1, v.length});
    }

    @Test
    void signHandlingKeepsTheAskedPart() {
        FloatArray m = map(-2f, -0.5f, 0f, 1f, 3f);
        assertArrayEquals(new float[] {-2f, -0.5f, 0f, 1f, 3f}, SignHandling.AS_IS.apply(m).data());
        assertArrayEquals(new float[] {0f, 0f, 0f, 1f, 3f}, SignHandling.POSITIVE.apply(m).data());
        assertArrayEquals(new float[] {2f, 0.5f, 0f, 0f, 0f}, SignHandling.NEGATIVE.apply(m).data());
        assertArrayEquals(new float[] {2f, 0.5f, 0f, 1f, 3f}, SignHandling.ABSOLUTE.apply(m).data());
        assertArrayEquals(new float[] {-2f, -0.5f, 0f, 1f, 3f}, SignHandling.SIGNED.apply(m).data());
    }

    @Test
    void namesAreCheckedWithASuggestion() {
        assertEquals(SignHandling.ABSOLUTE, SignHandling.byName("absolute"));
        var e = assertThrows(IllegalArgumentException.class, () -> SignHandling.byName("positve"));
        assertEquals("Unknown sign handling 'positve'. Did you mean 'positive'? Known: as-is, positive, negative,"
                + " absolute, signed.", e.getMessage());
        assertEquals(Upsampling.NEAREST, Upsampling.byName("nearest"));
        assertEquals(ScaleSharing.METHODS, ScaleSharing.byName("methods"));
        assertThrows(IllegalArgumentException.class, () -> ScaleSharing.byName("images"));
    }

    @Test
    void minMaxScalesFromLowestToHighest() {
        Scale s = ScaleRule.minMax().scaleOf(List.of(map(1f, 3f, 5f)), false);
        assertEquals(new Scale(1, 5, false), s);
        float[] v = s.apply(map(1f, 3f, 5f)).data();
        assertEquals(0f, v[0]);
        assertEquals((float) (2 / (4 + 1e-7)), v[1]);
        assertEquals((float) (4 / (4 + 1e-7)), v[2]);
    }

    @Test
    void signedMapsAreCentredOnZero() {
        Scale s = ScaleRule.minMax().scaleOf(List.of(map(-2f, 0f, 1f)), true);
        assertEquals(new Scale(0, 2, true), s);
        assertArrayEquals(new float[] {0f, 0.5f, 0.75f}, s.apply(map(-2f, 0f, 1f)).data());
        // an all-zero signed map is the middle colour, not NaN
        assertArrayEquals(new float[] {0.5f, 0.5f}, ScaleRule.minMax().scaleOf(List.of(map(0f, 0f)), true)
                .apply(map(0f, 0f)).data());
    }

    @Test
    void aSharedScaleSpansAllMaps() {
        Scale s = ScaleRule.minMax().scaleOf(List.of(map(0f, 1f), map(2f, 4f)), false);
        assertEquals(new Scale(0, 4, false), s);
        // the first map alone would reach 1; shared, it stays at a quarter
        assertEquals((float) (1 / (4 + 1e-7)), s.apply(map(0f, 1f)).data()[1]);
    }

    @Test
    void clipPercentileIsCaptumsCumulativeThreshold() {
        // |v| sorted: 1 1 1 1 96, cumulative 1 2 3 4 100; 98 % of 100 is first reached by 96
        assertEquals(96.0, CumulativeThreshold.of(new float[] {1, 96, 1, 1, 1}, 98));
        // ten 1s and a 10: total 20, 50 % = 10 is reached at the tenth 1
        float[] v = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 10};
        assertEquals(1.0, CumulativeThreshold.of(v, 50));
        assertEquals(10.0, CumulativeThreshold.of(v, 51));
        Scale s = ScaleRule.clip(50).scaleOf(List.of(map(v)), false);
        assertEquals(new Scale(0, 1, false), s);
        // values above the threshold clip at 1
        assertEquals(1f, s.apply(map(10f)).data()[0]);
        // signed: the threshold of |v|, centred
        Scale signed = ScaleRule.clip(98).scaleOf(List.of(map(-4f, 1f)), true);
        assertEquals(new Scale(0, 4, true), signed);
        assertThrows(IllegalArgumentException.class, () -> ScaleRule.clip(0));
    }

    @Test
    void nearestUpsamplingRepeatsCells() {
        FloatArray m = new FloatArray(new float[] {1, 2, 3, 4}, new long[] {2, 2});
        assertArrayEquals(new float[] {1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4},
                Upsampling.NEAREST.resize(m, 3, 6).data());
        // torch: F.interpolate(x (1x1x1x3), size=(1, 2), mode="nearest") picks floor(i * 1.5): 0, 1
        assertArrayEquals(new float[] {7, 8}, Upsampling.NEAREST.resize(
                new FloatArray(new float[] {7, 8, 9}, new long[] {1, 3}), 1, 2).data());
    }

    @Test
    void thePipelineRunsReduceSignScaleUpsample() {
        // (2, 1, 2): channel sums -3 and 1
        FloatArray raw = new FloatArray(new float[] {-1, 0, -2, 1}, new long[] {2, 1, 2});
        MapPipeline p = new MapPipeline(ChannelReduction.SUM, SignHandling.SIGNED, ScaleRule.minMax(),
                ScaleSharing.NONE, Upsampling.NEAREST);
        assertArrayEquals(new float[] {-3, 1}, p.signed(raw).data());
        Heatmap h = p.heatmap(raw, 2, 4);
        float third = (float) (0.5 + 0.5 / 3);
        assertArrayEquals(new float[] {0, 0, third, third, 0, 0, third, third}, h.values().data());
        assertEquals(Map.of("reduction", "sum", "sign", "signed", "normalise", "min-max", "shared", "none",
                "upsample", "nearest"), p.describe());
    }

    @Test
    void defaultsDrawWhatHeatmapFromAttributionDrew() {
        FloatArray raw = new FloatArray(new float[] {0.1f, -0.7f, 2f, 0.3f, 0.9f, -1f}, new long[] {2, 3});
        assertArrayEquals(Heatmap.fromAttribution(raw, ChannelReduction.ABS_MAX, 5, 4).values().data(),
                MapPipeline.defaults().heatmap(raw, 5, 4).values().data());
        FloatArray normalised = Bilinearly.minMaxThenResize(raw, 5, 4);
        assertArrayEquals(normalised.data(), MapPipeline.defaults().heatmap(raw, 5, 4).values().data());
    }

    /** The earlier code path, kept here to pin the defaults to it. */
    private static final class Bilinearly {
        static FloatArray minMaxThenResize(FloatArray raw, int h, int w) {
            float[] v = dev.loupe.render.image.Bilinear.resize(MinMaxNormalization.apply(raw), h, w).data();
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.min(Math.max(v[i], 0f), 1f);
            }
            return new FloatArray(v, new long[] {h, w});
        }
    }
}
