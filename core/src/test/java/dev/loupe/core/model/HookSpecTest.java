package dev.loupe.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HookSpecTest {

    @Test
    void factories() {
        assertEquals(new HookSpec(List.of(), false), HookSpec.none());
        assertEquals(new HookSpec(List.of(), true), HookSpec.inputOnly());
        HookSpec layers = HookSpec.layers(List.of("layer4"));
        assertEquals(List.of("layer4"), layers.layers());
        assertFalse(layers.inputGradient());
        HookSpec both = layers.withInputGradient();
        assertTrue(both.inputGradient());
        assertEquals(List.of("layer4"), both.layers());
        assertFalse(layers.inputGradient(), "withInputGradient returns a new spec");
    }

    @Test
    void layersAreACopy() {
        List<String> names = new ArrayList<>(List.of("layer3"));
        HookSpec spec = HookSpec.layers(names);
        names.add("layer4");
        assertEquals(List.of("layer3"), spec.layers());
        assertThrows(UnsupportedOperationException.class, () -> spec.layers().add("fc"));
    }

    @Test
    void reluRuleDefaultsToPlainAndIsKept() {
        assertEquals(ReluRule.PLAIN, HookSpec.inputOnly().reluRule());
        HookSpec guided = HookSpec.inputOnly().withReluRule(ReluRule.GUIDED);
        assertEquals(ReluRule.GUIDED, guided.reluRule());
        assertTrue(guided.inputGradient());
        assertEquals(ReluRule.DECONVNET, HookSpec.layers(List.of("a")).withReluRule(ReluRule.DECONVNET)
                .withInputGradient().reluRule());
        assertThrows(NullPointerException.class, () -> HookSpec.none().withReluRule(null));
    }
}
