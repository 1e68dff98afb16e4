package dev.loupe.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void factoriesMakeTheThreeKinds() {
        assertInstanceOf(Target.TopPrediction.class, Target.top());
        assertEquals(7, assertInstanceOf(Target.ClassIndex.class, Target.index(7)).index());
        assertEquals("dog", assertInstanceOf(Target.ClassLabel.class, Target.label("dog")).label());
    }

    @Test
    void toStringIsWhatTheUserWrote() {
        assertEquals("top", Target.top().toString());
        assertEquals("281", Target.index(281).toString());
        assertEquals("tabby cat", Target.label("tabby cat").toString());
    }

    @Test
    void negativeIndexIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Target.index(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void targetsAreValues() {
        assertEquals(Target.top(), Target.top());
        assertEquals(Target.index(3), Target.index(3));
        assertNotEquals(Target.index(3), Target.index(4));
        assertEquals(Target.label("dog"), Target.label("dog"));
        assertNotEquals(Target.label("3"), Target.index(3));
    }
}
