package dev.loupe.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

    @ParameterizedTest
    @CsvSource({
        "'', '', 0",
        "abc, '', 3",
        "'', abc, 3",
        "abc, abc, 0",
        "kitten, sitting, 3",
        "flaw, lawn, 2",
        "ab, ba, 1",
        "features.31, features.13, 1",
        "layer5, layer4, 1",
        "features.2B, features.28, 1",
        "features.2B, features.2, 1",
        "grad-cam, gradcam, 1",
        "Grad_CAM, grad-cam, 5",
        "saliency, integrated-gradients, 16",
    })
    void distanceCountsEditsAndSwaps(String a, String b, int expected) {
        assertEquals(expected, Suggestions.distance(a, b));
        assertEquals(expected, Suggestions.distance(b, a), "symmetric");
    }

    @Test
    void closestOrdersByDistanceThenLengthThenName() {
        List<String> candidates = List.of("steps", "step", "stops", "noise", "stepss", "sleeps");
        // stepz: steps (same length), step 1 edit; stops (same length), stepss 2; sleeps 3 (over the
        // budget of 2); noise 5
        assertEquals(List.of("steps", "step", "stops", "stepss"), Suggestions.closest("stepz", candidates, 10));
    }

    @Test
    void closestDoesNotDependOnTheCandidatesOrder() {
        List<String> a = List.of("layer4", "layer1", "layer3", "layer2");
        assertEquals(List.of("layer1", "layer2", "layer3", "layer4"), Suggestions.closest("layer5", a, 5));
        assertEquals(Suggestions.closest("layer5", a, 5), Suggestions.closest("layer5", Set.copyOf(a), 5));
    }

    @Test
    void closestStopsAtTheLimit() {
        List<String> candidates = List.of("layer1", "layer2", "layer3", "layer4");
        assertEquals(List.of("layer1", "layer2"), Suggestions.closest("layer5", candidates, 2));
        assertEquals(List.of(), Suggestions.closest("layer5", candidates, 0));
    }

    @Test
    void closestKeepsOnlyNamesWithinAThirdOfTheLength() {
        // 12 characters: up to 4 edits; a short name still gets 2
        assertEquals(List.of("abcdefghWXYZ"),
                Suggestions.closest("abcdefghijkl", List.of("abcdefgVWXYZ", "abcdefghWXYZ"), 5), "4 edits in, 5 out");
        assertEquals(List.of("ab", "xy"), Suggestions.closest("ay", List.of("ab", "xy", "xyz1"), 5));
        assertEquals(List.of(), Suggestions.closest("ay", List.of("bcd"), 5));
    }

    @Test
    void closestAddsPathsThatStartWithOrEndWithTheName() {
        List<String> layers = List.of("layer4", "layer4.1.conv2", "layer4.1.conv1", "layer3.1.conv2", "fc");
        // far by edit distance, but a prefix of deeper paths
        assertEquals(List.of("layer4.1.conv1", "layer4.1.conv2"), Suggestions.closest("layer4.1.c", layers, 5));
        // the last path element, as a user writes it
        assertEquals(List.of("layer3.1.conv2", "layer4.1.conv2"), Suggestions.closest("conv2", layers, 5));
        // only whole elements count as a suffix
        assertEquals(List.of(), Suggestions.closest("onv2", List.of("layer4.1.conv2"), 5));
    }

    @Test
    void namesShorterThanThreeAreNotMatchedByPrefix() {
        assertEquals(List.of(), Suggestions.closest("la", List.of("layer1", "layer2"), 5));
        assertEquals(List.of("fc"), Suggestions.closest("fc", List.of("fc", "fc1.weight"), 5), "exact names are closest");
    }

    @Test
    void didYouMeanListsUpToThree() {
        assertEquals(" Did you mean 'steps'?", Suggestions.didYouMean("stpes", List.of("steps", "noise")));
        assertEquals(" Did you mean 'layer1' or 'layer2' or 'layer3'?",
                Suggestions.didYouMean("layer5", List.of("layer4", "layer3", "layer2", "layer1")));
    }

    @Test
    void didYouMeanIsEmptyWhenNothingIsClose() {
        assertEquals("", Suggestions.didYouMean("temperature", List.of("steps", "noise", "relu")));
        assertEquals("", Suggestions.didYouMean("anything", List.of()));
        assertTrue(Suggestions.closest("x", List.of(), 3).isEmpty());
    }
}
