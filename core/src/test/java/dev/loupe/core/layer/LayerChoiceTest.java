package dev.loupe.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerChoiceTest {

    private static List<String> resolve(String text) {
        return LayerChoice.parse(text).resolve(LayerSelectorTest.resnet18()).stream().map(LayerInfo::path).toList();
    }

    @Test
    void oneNameSeveralNamesOrAGroup() {
        assertEquals(LayerChoice.Kind.SINGLE, LayerChoice.parse("layer4").kind());
        assertEquals(LayerChoice.Kind.SINGLE, LayerChoice.parse("auto").kind());
        assertEquals(LayerChoice.Kind.SEVERAL, LayerChoice.parse(" layer3 , layer4 ").kind());
        assertEquals(List.of("layer3", "layer4"), LayerChoice.parse(" layer3 , layer4 ").names());
        assertEquals("layer3,layer4", LayerChoice.parse(List.of("layer3", "layer4")).toString());
        LayerChoice group = LayerChoice.parse("ALL-CONV");
        assertEquals(LayerChoice.Kind.GROUP, group.kind());
        assertEquals("all-conv", group.toString());
        assertEquals(LayerGroup.ALL_CONV, group.group().orElseThrow());
    }

    @Test
    void namesResolveInTheOrderWritten() {
        assertEquals(List.of("layer4", "layer3.1.conv2"), resolve("layer4,layer3.1.conv2"));
        assertEquals(List.of("layer3", "layer4"), resolve("layer3,auto"));
        assertEquals(10, resolve("all-blocks").size());
    }

    @Test
    void spellingProblemsAreFoundItemByItem() {
        assertEquals(List.of(new LayerChoice.Problem(1, "empty layer name")), LayerChoice.problems(List.of("a", " ")));
        assertEquals(1, LayerChoice.problems(List.of()).size());
        assertEquals(-1, LayerChoice.problems(List.of()).get(0).index());
        List<LayerChoice.Problem> twice = LayerChoice.problems(List.of("layer3", "layer4", "layer3"));
        assertEquals(List.of(new LayerChoice.Problem(2, "layer 'layer3' is listed twice")), twice);
        List<LayerChoice.Problem> mixed = LayerChoice.problems(List.of("layer3", "all-conv"));
        assertEquals(1, mixed.get(0).index());
        assertTrue(mixed.get(0).message().contains("give it alone"), mixed.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerChoice.parse("layer3,,layer3"));
        assertTrue(e.getMessage().contains("empty layer name") && e.getMessage().contains("listed twice"), e.getMessage());
    }

    @Test
    void everyUnknownNameIsReportedWithDidYouMean() {
        UnknownLayerException e = assertThrows(UnknownLayerException.class, () -> resolve("layer3,layer5,layr4.1"));
        assertEquals(ErrorKind.INPUT, e.kind());
        assertEquals("layer5", e.layer());
        assertTrue(e.getMessage().contains("'layer5', which the model does not have. Did you mean 'layer1'"), e.getMessage());
        assertTrue(e.getMessage().contains("'layr4.1'"), e.getMessage());
        assertTrue(e.getMessage().contains("Did you mean 'layer4.1'"), e.getMessage());
    }

    @Test
    void aMisspelledGroupIsSuggested() {
        UnknownLayerException e = assertThrows(UnknownLayerException.class, () -> resolve("all-convs,layer4"));
        assertTrue(e.getMessage().contains("Did you mean 'all-conv'"), e.getMessage());
    }

    @Test
    void aSingleUnknownNameKeepsTheSelectorsMessage() {
        UnknownLayerException e = assertThrows(UnknownLayerException.class, () -> resolve("layer5"));
        assertTrue(e.getMessage().contains("no layer 'layer5'"), e.getMessage());
    }

    @Test
    void autoPickingANamedLayerIsAnError() {
        LoupeException e = assertThrows(LoupeException.class, () -> resolve("layer4,auto"));
        assertEquals(ErrorKind.INPUT, e.kind());
        assertTrue(e.getMessage().contains("'auto' picks 'layer4'"), e.getMessage());
    }
}
