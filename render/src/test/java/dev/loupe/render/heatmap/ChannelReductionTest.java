package dev.loupe.render.heatmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.loupe.core.tensor.FloatArray;
import org.junit.jupiter.api.Test;

class ChannelReductionTest {

    // Two pixels, three channels: pixel 0 holds (-3, 1, 2), pixel 1 holds (0.5, -0.5, 0).
    private final FloatArray chw = new FloatArray(new float[] {-3f, 0.5f, 1f, -0.5f, 2f, 0f}, new long[] {3, 1, 2});

    @Test
    void eachReduction() {
        assertArrayEquals(new float[] {3f, 0.5f}, ChannelReduction.ABS_MAX.apply(chw).data());
        assertArrayEquals(new float[] {6f, 1f}, ChannelReduction.ABS_SUM.apply(chw).data());
        assertArrayEquals(new float[] {0f, 0f}, ChannelReduction.SUM.apply(chw).data());
        assertArrayEquals(new float[] {(float) Math.sqrt(14), (float) Math.sqrt(0.5)}, ChannelReduction.L2.apply(chw).data());
        assertArrayEquals(new long[] {1, 2}, ChannelReduction.SUM.apply(chw).shape());
    }

    @Test
    void namesParseAndUnknownNamesListTheKnownOnes() {
        assertEquals(ChannelReduction.ABS_MAX, ChannelReduction.byName("abs-max"));
        assertEquals(ChannelReduction.L2, ChannelReduction.byName(" L2 "));
        assertEquals("abs-sum", ChannelReduction.ABS_SUM.id());
        var e = assertThrows(IllegalArgumentException.class, () -> ChannelReduction.byName("mean"));
        assertEquals("Unknown channel reduction 'mean'. Known: abs-max, abs-sum, sum, l2", e.getMessage());
    }

    @Test
    void needsThreeAxes() {
        var e = assertThrows(IllegalArgumentException.class, () -> ChannelReduction.SUM.apply(FloatArray.zeros(2, 2)));
        assertEquals("channel reduction needs a (C, H, W) array, got shape [2, 2]", e.getMessage());
    }
}
