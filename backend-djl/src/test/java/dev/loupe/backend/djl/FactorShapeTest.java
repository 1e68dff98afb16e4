package dev.loupe.backend.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The broadcast check before a scaled forward, on shapes alone. */
class FactorShapeTest {

    private static final long[] LAYER = {1, 64, 7, 7};

    @Test
    void acceptsWhatBroadcastsWithoutEnlargingTheOutput() {
        assertNull(FactorShape.problem("l", new long[] {4, 64, 1, 1}, LAYER, 4, true));
        assertNull(FactorShape.problem("l", new long[] {1, 64, 7, 7}, LAYER, 4, true));
        assertNull(FactorShape.problem("l", new long[] {64, 1, 1}, LAYER, 4, true));
        assertNull(FactorShape.problem("l", new long[] {}, LAYER, 4, true));
        assertNull(FactorShape.problem("l", new long[] {4, 64, 9, 9}, LAYER, 4, false), "other image sizes: H, W unknown");
    }

    @Test
    void refusesWhatWouldFailOrEnlargeTheOutput() {
        String wide = FactorShape.problem("layer4", new long[] {4, 64, 14, 1}, LAYER, 4, true);
        assertEquals("The factor for layer 'layer4' has shape (4, 64, 14, 1), which does not broadcast against the"
                + " layer's output (4, 64, 7, 7): its dimension 2 is 14 where the output has 7. Aligned from the right,"
                + " each factor dimension must be 1 or the output's, e.g. (B, C, 1, 1) to scale whole channels.", wide);
        assertTrue(FactorShape.problem("l", new long[] {2, 64, 1, 1}, LAYER, 4, false)
                .contains("its batch dimension is 2, the input's batch size 4"));
        assertTrue(FactorShape.problem("l", new long[] {1, 1, 64, 1, 1}, LAYER, 4, true).contains("it has 5 dimensions"));
        assertTrue(FactorShape.problem("l", new long[] {63, 1, 1}, LAYER, 4, true).contains("its dimension 0 is 63"));
    }
}
