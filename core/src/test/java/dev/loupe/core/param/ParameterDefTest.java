package dev.loupe.core.param;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterDefTest {

    @ParameterizedTest
    @ValueSource(strings = {"Steps", "1steps", "steps_count", "", "-steps", "steps count", "Grad_CAM", "nöise", "steps."})
    void invalidNamesAreRejected(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterDef.flag(name, true, "d"));
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("^[a-z][a-z0-9-]*$"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "steps", "max-iter", "x2", "n-samples-per-batch"})
    void validNamesAreAccepted(String name) {
        assertEquals(name, ParameterDef.flag(name, true, "d").name());
    }

    @Test
    void factoriesDeclareTheTypeAndTypedDefault() {
        ParameterDef steps = ParameterDef.integer("steps", 50, 1, 1000, "d");
        assertEquals(ParameterType.INTEGER, steps.type());
        assertEquals(50L, steps.defaultValue());
        assertEquals(1.0, steps.min());
        assertEquals(1000.0, steps.max());

        ParameterDef noise = ParameterDef.number("noise", 0.15, 0, 1, "d");
        assertEquals(ParameterType.NUMBER, noise.type());
        assertEquals(0.15, noise.defaultValue());

        assertEquals(Boolean.FALSE, ParameterDef.flag("relu", false, "d").defaultValue());
        assertEquals("black", ParameterDef.string("baseline", "black", "d").defaultValue());
        assertEquals("auto", ParameterDef.layer("layer", "d").defaultValue());
        assertEquals(ParameterType.LAYER, ParameterDef.layer("layer", "d").type());
        ParameterDef reduce = ParameterDef.choice("reduce", "sum", List.of("sum", "mean"), "d");
        assertEquals(ParameterType.CHOICE, reduce.type());
        assertEquals(List.of("sum", "mean"), reduce.choices());
    }

    @Test
    void acceptsDescribesTheValuesInWords() {
        assertEquals("an integer in [1, 1000]", ParameterDef.integer("steps", 50, 1, 1000, "d").accepts());
        assertEquals("a number in [0.0, 1.0]", ParameterDef.number("noise", 0.1, 0, 1, "d").accepts());
        assertEquals("an integer in [1, inf]", ParameterDef.integer("n", 1, 1, Integer.MAX_VALUE, "d").accepts());
        assertEquals("a number in [0.0, inf]", ParameterDef.number("x", 1, 0, Double.MAX_VALUE, "d").accepts());
        assertEquals("true or false", ParameterDef.flag("relu", true, "d").accepts());
        assertEquals("a string", ParameterDef.string("s", "x", "d").accepts());
        assertEquals("a layer name", ParameterDef.layer("layer", "d").accepts());
        assertEquals("one of sum, mean, max-abs",
                ParameterDef.choice("reduce", "sum", List.of("sum", "mean", "max-abs"), "d").accepts());
    }

    @Test
    void oneSidedRangesAreDescribed() {
        assertEquals("an integer >= 0",
                new ParameterDef("k", ParameterType.INTEGER, 1L, "d", 0.0, null, List.of()).accepts());
        assertEquals("a number <= 2.5",
                new ParameterDef("k", ParameterType.NUMBER, 1.0, "d", null, 2.5, List.of()).accepts());
    }

    @Test
    void choiceDefaultMustBeAChoice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterDef.choice("reduce", "median", List.of("sum", "mean"), "d"));
        assertTrue(e.getMessage().contains("median") && e.getMessage().contains("reduce"), e.getMessage());
    }

    @Test
    void choicesMustBeLowerCaseBecauseValuesAreLowerCasedBeforeMatching() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterDef.choice("mode", "Bilinear", List.of("Bilinear", "nearest"), "d"));
        assertTrue(e.getMessage().contains("Bilinear"), e.getMessage());
    }

    @Test
    void choicesAreCopied() {
        List<String> choices = new ArrayList<>(List.of("sum", "mean"));
        ParameterDef def = ParameterDef.choice("reduce", "sum", choices, "d");
        choices.add("max");
        assertEquals(List.of("sum", "mean"), def.choices());
        assertThrows(UnsupportedOperationException.class, () -> def.choices().add("max"));
    }

    @Test
    void defaultIsStoredAsTheTypeParametersHandOut() {
        // an Integer default through the canonical constructor must read back with getInt like a given value
        ParameterDef steps = new ParameterDef("steps", ParameterType.INTEGER, 50, "d", 1.0, 100.0, List.of());
        assertEquals(50L, steps.defaultValue());
        assertEquals(50, ParameterSpec.of(steps).validate("m", Map.of()).getInt("steps"));
        ParameterDef noise = new ParameterDef("noise", ParameterType.NUMBER, 1, "d", null, null, List.of());
        assertEquals(1.0, noise.defaultValue());
        assertEquals(1.0, ParameterSpec.of(noise).validate("m", Map.of()).getDouble("noise"));
    }

    @Test
    void defaultOfTheWrongTypeIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new ParameterDef("steps", ParameterType.INTEGER, "50", "d", null, null, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new ParameterDef("steps", ParameterType.INTEGER, 2.5, "d", null, null, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new ParameterDef("relu", ParameterType.BOOLEAN, "true", "d", null, null, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new ParameterDef("name", ParameterType.STRING, 3, "d", null, null, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new ParameterDef("x", ParameterType.NUMBER, Double.NaN, "d", null, null, List.of()));
    }

    @Test
    void defaultOutsideTheRangeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterDef.integer("steps", 0, 1, 100, "d"));
        assertTrue(e.getMessage().contains("steps"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParameterDef.number("noise", 1.5, 0, 1, "d"));
        assertDoesNotThrow(() -> ParameterDef.integer("steps", 1, 1, 100, "d"), "bounds are inclusive");
        assertDoesNotThrow(() -> ParameterDef.number("noise", 1.0, 0, 1, "d"));
    }

    @Test
    void emptyRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ParameterDef.integer("steps", 5, 10, 1, "d"));
    }

    @Test
    void requiredPartsMustBeGiven() {
        assertThrows(NullPointerException.class,
                () -> new ParameterDef("x", null, 1L, "d", null, null, List.of()));
        assertThrows(NullPointerException.class,
                () -> new ParameterDef("x", ParameterType.INTEGER, null, "d", null, null, List.of()));
        assertThrows(NullPointerException.class,
                () -> new ParameterDef("x", ParameterType.INTEGER, 1L, null, null, null, List.of()));
    }
}
