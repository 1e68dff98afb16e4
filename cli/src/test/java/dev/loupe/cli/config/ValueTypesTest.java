package dev.loupe.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void targetSpecParse() {
        assertEquals(TargetSpec.top(), TargetSpec.parse("top"));
        assertEquals(TargetSpec.index(0), TargetSpec.parse(0L));
        assertEquals(TargetSpec.label("Top"), TargetSpec.parse("Top"));
        assertEquals(TargetSpec.label("7"), TargetSpec.parse("7"));
        assertEquals("expected 'top', a class index (an integer >= 0) or a class label, got '2.5'",
                assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse(2.5)).getMessage());
        assertEquals("expected 'top', a class index (an integer >= 0) or a class label, got 'true'",
                assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse(true)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse(-1L));
        assertThrows(IllegalArgumentException.class, () -> TargetSpec.label(" "));
    }

    @Test
    void sizeParse() {
        assertEquals(Size.of(224), Size.parse(224L));
        assertEquals(new Size(224, 224, true), Size.parse(224L));
        assertEquals(Size.of(224, 160), Size.parse(List.of(224L, 160L)));
        assertEquals("[224, 224]", Size.parse(List.of(224L, 224L)).toString());
        assertEquals("expected an integer or [height, width], got a list of 3 items",
                assertThrows(IllegalArgumentException.class, () -> Size.parse(List.of(1L, 2L, 3L))).getMessage());
        assertEquals("value out of range: sizes must be > 0, got -4",
                assertThrows(IllegalArgumentException.class, () -> Size.parse(List.of(4L, -4L))).getMessage());
    }
}
