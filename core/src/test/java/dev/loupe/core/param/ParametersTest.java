package dev.loupe.core.param;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {

    private static Parameters sample() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("steps", 50L);
        values.put("noise", 0.25);
        values.put("relu", true);
        values.put("layer", "layer4");
        return new Parameters(values);
    }

    @Test
    void typedGetters() {
        Parameters p = sample();
        assertEquals(50, p.getInt("steps"));
        assertEquals(0.25, p.getDouble("noise"));
        assertTrue(p.getBoolean("relu"));
        assertEquals("layer4", p.getString("layer"));
    }

    @Test
    void undeclaredNameFailsAndListsTheDeclaredOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sample().getInt("stpes"));
        assertTrue(e.getMessage().contains("'stpes'"), e.getMessage());
        assertTrue(e.getMessage().contains("steps") && e.getMessage().contains("layer"), e.getMessage());
    }

    @Test
    void asMapKeepsDeclarationOrderAndCannotBeChanged() {
        Parameters p = sample();
        assertEquals(List.of("steps", "noise", "relu", "layer"), List.copyOf(p.asMap().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> p.asMap().put("x", 1));
    }

    @Test
    void isACopyOfTheGivenMap() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("steps", 5L);
        Parameters p = new Parameters(values);
        values.put("steps", 6L);
        values.put("extra", 1L);
        assertEquals(5, p.getInt("steps"));
        assertFalse(p.asMap().containsKey("extra"));
    }

    @Test
    void intOverflowIsNotSilentlyTruncated() {
        Parameters p = new Parameters(Map.<String, Object>of("big", 1L << 40));
        assertThrows(ArithmeticException.class, () -> p.getInt("big"));
    }

    @Test
    void toStringShowsTheValues() {
        assertEquals("{steps=50, noise=0.25, relu=true, layer=layer4}", sample().toString());
    }
}
