package dev.loupe.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.explain.Attribution.MapKind;
import dev.loupe.core.tensor.FloatArray;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributionTest {

    @Test
    void inputMapsAreChannelsHeightWidth() {
        Attribution a = new Attribution(FloatArray.zeros(3, 8, 8), MapKind.INPUT, 5, 1.5f, null, Map.of());
        assertEquals(5, a.target());
        assertEquals(1.5f, a.score());
        assertNull(a.layer());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Attribution(FloatArray.zeros(8, 8), MapKind.INPUT, 0, 0f, null, Map.of()));
        assertTrue(e.getMessage().contains("(C, H, W)") && e.getMessage().contains("[8, 8]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Attribution(FloatArray.zeros(1, 3, 8, 8), MapKind.INPUT, 0, 0f, null, Map.of()));
    }

    @Test
    void layerMapsAreHeightWidth() {
        Attribution a = new Attribution(FloatArray.zeros(7, 7), MapKind.LAYER, 1, 0f, "layer4", Map.of());
        assertEquals("layer4", a.layer());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Attribution(FloatArray.zeros(512, 7, 7), MapKind.LAYER, 0, 0f, "layer4", Map.of()));
        assertTrue(e.getMessage().contains("(h, w)"), e.getMessage());
    }

    @Test
    void detailsAreCopied() {
        Map<String, Object> details = new HashMap<>();
        details.put("delta", 0.01);
        Attribution a = new Attribution(FloatArray.zeros(2, 2), MapKind.LAYER, 0, 0f, "l", details);
        details.put("steps", 50);
        assertEquals(Map.of("delta", 0.01), a.details());
        assertThrows(UnsupportedOperationException.class, () -> a.details().put("x", 1));
    }
}
