package dev.loupe.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelsTest {

    private static final Labels IMAGENET_HEAD = new Labels(List.of(
            "tench", "goldfish", "great white shark", "tiger shark", "hammerhead"));

    @Test
    void noneIsEmpty() {
        assertTrue(Labels.none().isEmpty());
        assertEquals(0, Labels.none().size());
        assertEquals(Optional.empty(), Labels.none().name(0));
        assertFalse(IMAGENET_HEAD.isEmpty());
        assertEquals(5, IMAGENET_HEAD.size());
    }

    @Test
    void nameByIndex() {
        assertEquals(Optional.of("tench"), IMAGENET_HEAD.name(0));
        assertEquals(Optional.of("hammerhead"), IMAGENET_HEAD.name(4));
        assertEquals(Optional.empty(), IMAGENET_HEAD.name(5));
        assertEquals(Optional.empty(), IMAGENET_HEAD.name(-1));
    }

    @Test
    void indexByName() {
        assertEquals(0, IMAGENET_HEAD.indexOf("tench"));
        assertEquals(2, IMAGENET_HEAD.indexOf("great white shark"));
        assertEquals(4, IMAGENET_HEAD.indexOf("hammerhead"));
    }

    @Test
    void aRepeatedNameMeansItsFirstIndex() {
        // ImageNet has two "crane"s (134 the bird, 517 the machine)
        Labels labels = new Labels(List.of("crane", "heron", "crane"));
        assertEquals(0, labels.indexOf("crane"));
        assertEquals(Optional.of("crane"), labels.name(2));
    }

    @Test
    void lookupIsExact() {
        LoupeException e = assertThrows(LoupeException.class, () -> IMAGENET_HEAD.indexOf("Tench"));
        assertEquals(ErrorKind.INPUT, e.kind());
        assertTrue(e.getMessage().contains("Did you mean 'tench'?"), e.getMessage());
    }

    @Test
    void unknownLabelSuggestsTheClosest() {
        LoupeException e = assertThrows(LoupeException.class, () -> IMAGENET_HEAD.indexOf("tiger sharks"));
        assertEquals(ErrorKind.INPUT, e.kind());
        String m = e.getMessage();
        assertTrue(m.startsWith("No class is labelled 'tiger sharks'."), m);
        assertTrue(m.contains("Did you mean 'tiger shark'?"), m);
    }

    @Test
    void unknownLabelSuggestsAtMostThree() {
        Labels labels = new Labels(List.of("cat1", "cat2", "cat3", "cat4"));
        LoupeException e = assertThrows(LoupeException.class, () -> labels.indexOf("cat5"));
        assertTrue(e.getMessage().endsWith(" Did you mean 'cat1' or 'cat2' or 'cat3'?"), e.getMessage());
    }

    @Test
    void unknownLabelWithNothingCloseHasNoSuggestion() {
        LoupeException e = assertThrows(LoupeException.class, () -> IMAGENET_HEAD.indexOf("volcano"));
        assertFalse(e.getMessage().contains("Did you mean"), e.getMessage());
    }

    @Test
    void aLabelWithoutLabelsIsAUsageError() {
        LoupeException e = assertThrows(LoupeException.class, () -> Labels.none().indexOf("goldfish"));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("'goldfish'"), e.getMessage());
        assertTrue(e.getMessage().contains("model.labels") && e.getMessage().contains("--labels"), e.getMessage());
    }

    @Test
    void namesAreACopyThatCannotChange() {
        List<String> source = new ArrayList<>(List.of("a", "b"));
        Labels labels = new Labels(source);
        source.set(0, "z");
        source.add("c");
        assertEquals(List.of("a", "b"), labels.names());
        assertEquals(0, labels.indexOf("a"));
        assertThrows(UnsupportedOperationException.class, () -> labels.names().add("d"));
    }
}
