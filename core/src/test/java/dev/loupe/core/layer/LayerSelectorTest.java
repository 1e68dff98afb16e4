package dev.loupe.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.text.Suggestions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerSelectorTest {

    private static LayerInfo layer(String path, String type, long... shape) {
        return new LayerInfo(path, type, shape);
    }

    /** torchvision resnet18 at 224x224 as named_modules() lists it (pre-order), output shapes at batch 1. */
    static List<LayerInfo> resnet18() {
        List<LayerInfo> layers = new ArrayList<>();
        layers.add(layer("conv1", "Conv2d", 1, 64, 112, 112));
        layers.add(layer("bn1", "BatchNorm2d", 1, 64, 112, 112));
        layers.add(layer("relu", "ReLU", 1, 64, 112, 112));
        layers.add(layer("maxpool", "MaxPool2d", 1, 64, 56, 56));
        long[][] stages = {{64, 56}, {128, 28}, {256, 14}, {512, 7}};
        for (int s = 0; s < 4; s++) {
            long c = stages[s][0];
            long hw = stages[s][1];
            String stage = "layer" + (s + 1);
            layers.add(layer(stage, "Sequential", 1, c, hw, hw));
            for (int b = 0; b < 2; b++) {
                String block = stage + "." + b;
                layers.add(layer(block, "BasicBlock", 1, c, hw, hw));
                layers.add(layer(block + ".conv1", "Conv2d", 1, c, hw, hw));
                layers.add(layer(block + ".bn1", "BatchNorm2d", 1, c, hw, hw));
                layers.add(layer(block + ".relu", "ReLU", 1, c, hw, hw));
                layers.add(layer(block + ".conv2", "Conv2d", 1, c, hw, hw));
                layers.add(layer(block + ".bn2", "BatchNorm2d", 1, c, hw, hw));
                if (s > 0 && b == 0) {
                    layers.add(layer(block + ".downsample", "Sequential", 1, c, hw, hw));
                    layers.add(layer(block + ".downsample.0", "Conv2d", 1, c, hw, hw));
                    layers.add(layer(block + ".downsample.1", "BatchNorm2d", 1, c, hw, hw));
                }
            }
        }
        layers.add(layer("avgpool", "AdaptiveAvgPool2d", 1, 512, 1, 1));
        layers.add(layer("fc", "Linear", 1, 1000));
        return layers;
    }

    /** torchvision vgg16 at 224x224: features.0..30, avgpool, classifier.0..6. */
    static List<LayerInfo> vgg16() {
        List<LayerInfo> layers = new ArrayList<>();
        layers.add(layer("features", "Sequential", 1, 512, 7, 7));
        int[] convsPerBlock = {2, 2, 3, 3, 3};
        long[] channels = {64, 128, 256, 512, 512};
        long hw = 224;
        int index = 0;
        for (int block = 0; block < 5; block++) {
            for (int conv = 0; conv < convsPerBlock[block]; conv++) {
                layers.add(layer("features." + index++, "Conv2d", 1, channels[block], hw, hw));
                layers.add(layer("features." + index++, "ReLU", 1, channels[block], hw, hw));
            }
            hw /= 2;
            layers.add(layer("features." + index++, "MaxPool2d", 1, channels[block], hw, hw));
        }
        layers.add(layer("avgpool", "AdaptiveAvgPool2d", 1, 512, 7, 7));
        layers.add(layer("classifier", "Sequential", 1, 1000));
        layers.add(layer("classifier.0", "Linear", 1, 4096));
        layers.add(layer("classifier.1", "ReLU", 1, 4096));
        layers.add(layer("classifier.2", "Dropout", 1, 4096));
        layers.add(layer("classifier.3", "Linear", 1, 4096));
        layers.add(layer("classifier.4", "ReLU", 1, 4096));
        layers.add(layer("classifier.5", "Dropout", 1, 4096));
        layers.add(layer("classifier.6", "Linear", 1, 1000));
        return layers;
    }

    @Test
    void theHandWrittenModelsLookLikeTorchvision() {
        List<LayerInfo> vgg = vgg16();
        assertEquals("features.30", vgg.get(31).path());
        assertEquals("MaxPool2d", vgg.get(31).type());
        assertEquals("features.28", vgg.get(29).path());
        assertEquals("Conv2d", vgg.get(29).type());
        assertArrayEquals(new long[] {1, 512, 14, 14}, vgg.get(30).outputShape());
        assertEquals(4 + 4 * 13 + 3 * 3 + 2, resnet18().size(), "stem, 4 stages of 2 blocks, 3 downsamples, head");
    }

    @Test
    void selectFindsAnExactPath() {
        LayerSelector selector = new LayerSelector(resnet18());
        assertEquals("layer4", selector.select("layer4").path());
        assertEquals("Sequential", selector.select("layer4").type());
        assertEquals("layer3.1.conv2", selector.select("layer3.1.conv2").path());
        assertEquals("layer2.0.downsample.0", selector.select("layer2.0.downsample.0").path());
        assertArrayEquals(new long[] {1, 256, 14, 14}, selector.select("layer3").outputShape());
        assertEquals("features.28", new LayerSelector(vgg16()).select("features.28").path());
        assertEquals("fc", selector.select("fc").path(), "a capturable non-spatial layer can be named");
    }

    @Test
    void selectIsExactNotCaseInsensitiveNorTrimmed() {
        LayerSelector selector = new LayerSelector(resnet18());
        assertThrows(UnknownLayerException.class, () -> selector.select("Layer4"));
        assertThrows(UnknownLayerException.class, () -> selector.select("layer4 "));
        assertThrows(UnknownLayerException.class, () -> selector.select("layer4."));
    }

    @Test
    void unknownLayerSuggestsCloseNames() {
        LayerSelector selector = new LayerSelector(resnet18());
        UnknownLayerException e = assertThrows(UnknownLayerException.class, () -> selector.select("layer5"));
        assertEquals(ErrorKind.INPUT, e.kind());
        assertEquals("layer5", e.layer());
        assertEquals(List.of("layer1", "layer2", "layer3", "layer4"), e.suggestions());
        assertTrue(e.getMessage().contains("no layer 'layer5'"), e.getMessage());
        assertTrue(e.getMessage().contains("Closest names: layer1, layer2, layer3, layer4."), e.getMessage());
    }

    @Test
    void unknownLayerSuggestsTheTypoNeighbours() {
        LayerSelector selector = new LayerSelector(vgg16());
        UnknownLayerException e = assertThrows(UnknownLayerException.class, () -> selector.select("features.2B"));
        assertEquals("features.2B", e.layer());
        assertEquals(5, e.suggestions().size(), e.suggestions().toString());
        for (String s : e.suggestions()) {
            assertEquals(1, Suggestions.distance("features.2B", s), s);
            assertTrue(s.startsWith("features.2"), s);
        }
        // One edit away there are eleven names (features.2 and features.20..29); at most five are
        // listed, ties alphabetically, so features.28 is only listed when fewer names compete.
        assertEquals(1, Suggestions.distance("features.2B", "features.28"));
        UnknownLayerException tail = assertThrows(UnknownLayerException.class,
                () -> new LayerSelector(vgg16().subList(25, 33)).select("features.2B"));
        assertTrue(tail.suggestions().contains("features.28"), tail.suggestions().toString());
        assertTrue(tail.getMessage().contains("features.28"), tail.getMessage());
    }

    @Test
    void unknownLayerFindsDeeperPathsBySuffixAndPrefix() {
        LayerSelector selector = new LayerSelector(resnet18());
        UnknownLayerException suffix = assertThrows(UnknownLayerException.class, () -> selector.select("downsample"));
        assertTrue(suffix.suggestions().contains("layer2.0.downsample"), suffix.suggestions().toString());
        UnknownLayerException prefix = assertThrows(UnknownLayerException.class, () -> selector.select("layer4.1.con"));
        assertTrue(prefix.suggestions().containsAll(List.of("layer4.1.conv1", "layer4.1.conv2")), prefix.suggestions().toString());
    }

    @Test
    void unknownLayerWithNothingClosePointsToTheLayersCommand() {
        UnknownLayerException e = assertThrows(UnknownLayerException.class,
                () -> new LayerSelector(resnet18()).select("transformer.blocks.11"));
        assertTrue(e.suggestions().isEmpty(), e.suggestions().toString());
        assertTrue(e.getMessage().contains("loupe layers"), e.getMessage());
        assertFalse(e.getMessage().contains("Closest names"), e.getMessage());
    }

    @Test
    void aLayerWithoutASingleTensorOutputCannotBeSelected() {
        List<LayerInfo> layers = new ArrayList<>(resnet18());
        layers.add(4, new LayerInfo("aux", "InceptionAux", null));
        LayerSelector selector = new LayerSelector(layers);
        LoupeException e = assertThrows(LoupeException.class, () -> selector.select("aux"));
        assertFalse(e instanceof UnknownLayerException);
        assertEquals(ErrorKind.INPUT, e.kind());
        assertTrue(e.getMessage().contains("'aux'"), e.getMessage());
        assertTrue(e.getMessage().contains("InceptionAux"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot be captured"), e.getMessage());
    }

    @Test
    void autoPicksLayer4OnResnet() {
        LayerSelector selector = new LayerSelector(resnet18());
        assertEquals("layer4", selector.auto().path());
        assertEquals("layer4", selector.select(LayerSelector.AUTO).path());
        assertEquals("layer4", selector.select("auto").path());
    }

    @Test
    void autoPicksLayer4AlsoWhenTheBlockReluIsListedLast() {
        // BasicBlock applies its relu after the residual add, so an execution-order listing puts it last
        List<LayerInfo> layers = new ArrayList<>(resnet18());
        LayerInfo relu = layers.stream().filter(l -> l.path().equals("layer4.1.relu")).findFirst().orElseThrow();
        layers.remove(relu);
        layers.add(layers.indexOf(layers.stream().filter(l -> l.path().equals("avgpool")).findFirst().orElseThrow()), relu);
        assertEquals("layer4", new LayerSelector(layers).auto().path());
    }

    @Test
    void autoPicksFeatures29OnVgg() {
        // the last ReLU before the final max pool, at 14x14; the pool, avgpool and classifier are skipped
        LayerInfo chosen = new LayerSelector(vgg16()).auto();
        assertEquals("features.29", chosen.path());
        assertArrayEquals(new long[] {1, 512, 14, 14}, chosen.outputShape());
    }

    @Test
    void autoDoesNotClimbToAnAncestorWithAnotherShape() {
        // a block that pools at its end has another shape than its last conv: the conv is kept
        List<LayerInfo> layers = new ArrayList<>();
        layers.add(layer("body", "Sequential", 1, 64, 4, 4));
        layers.add(layer("body.conv", "Conv2d", 1, 64, 8, 8));
        layers.add(layer("body.pool", "MaxPool2d", 1, 64, 4, 4));
        layers.add(layer("head", "Linear", 1, 10));
        assertEquals("body.conv", new LayerSelector(layers).auto().path());
    }

    @Test
    void autoSkipsLayersWithAOneByOneOutput() {
        List<LayerInfo> layers = List.of(
                layer("conv", "Conv2d", 1, 8, 5, 5),
                layer("squeeze", "Conv2d", 1, 8, 1, 1),
                layer("fc", "Linear", 1, 10));
        assertEquals("conv", new LayerSelector(layers).auto().path());
        assertEquals("wide", new LayerSelector(List.of(layer("wide", "Conv2d", 1, 8, 1, 9))).auto().path(),
                "1x9 is spatial");
    }

    @Test
    void autoSkipsLayersThatCannotBeCaptured() {
        List<LayerInfo> layers = List.of(
                layer("conv", "Conv2d", 1, 8, 5, 5),
                new LayerInfo("tuple-block", "Custom", null),
                layer("fc", "Linear", 1, 10));
        assertEquals("conv", new LayerSelector(layers).auto().path());
    }

    @Test
    void autoWithoutSpatialLayersFailsClearly() {
        List<LayerInfo> mlp = List.of(
                layer("flatten", "Flatten", 1, 784),
                layer("fc1", "Linear", 1, 256),
                layer("relu", "ReLU", 1, 256),
                layer("fc2", "Linear", 1, 10),
                new LayerInfo("multi", "Custom", null));
        LoupeException e = assertThrows(LoupeException.class, () -> new LayerSelector(mlp).auto());
        assertEquals(ErrorKind.INPUT, e.kind());
        assertTrue(e.getMessage().contains("spatial"), e.getMessage());
        assertTrue(e.getMessage().contains("'layer' parameter"), e.getMessage());
        assertThrows(LoupeException.class, () -> new LayerSelector(mlp).select("auto"));
        assertThrows(LoupeException.class, () -> new LayerSelector(List.of()).auto());
    }

    @Test
    void autoWithOnlyPoolingAndNormalisationFails() {
        List<LayerInfo> layers = List.of(
                layer("pool", "MaxPool2d", 1, 3, 112, 112),
                layer("bn", "BatchNorm2d", 1, 3, 112, 112),
                layer("drop", "Dropout2d", 1, 3, 112, 112),
                layer("fc", "Linear", 1, 10));
        assertThrows(LoupeException.class, () -> new LayerSelector(layers).auto());
    }

    @Test
    void allKeepsTheModelsOrder() {
        List<LayerInfo> layers = resnet18();
        LayerSelector selector = new LayerSelector(layers);
        assertEquals(layers, selector.all());
        assertSame(layers.get(0), selector.all().get(0));
        assertThrows(UnsupportedOperationException.class, () -> selector.all().clear());
        assertInstanceOf(List.class, selector.all());
    }
}
