package dev.loupe.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LayerGroupTest {

    private static List<String> paths(List<LayerInfo> layers) {
        return layers.stream().map(LayerInfo::path).toList();
    }

    @Test
    void namesAreFoundWhateverTheCase() {
        assertEquals(Optional.of(LayerGroup.ALL_CONV), LayerGroup.byId("all-conv"));
        assertEquals(Optional.of(LayerGroup.ALL_BLOCKS), LayerGroup.byId(" All-Blocks "));
        assertEquals(Optional.empty(), LayerGroup.byId("all_conv"));
    }

    @Test
    void allConvIsEveryConv2dInModuleOrder() {
        List<String> resnet = paths(LayerGroup.ALL_CONV.select(LayerSelectorTest.resnet18()));
        assertEquals(20, resnet.size(), "stem, 16 block convolutions, 3 downsamples");
        assertEquals(List.of("conv1", "layer1.0.conv1", "layer1.0.conv2", "layer1.1.conv1"), resnet.subList(0, 4));
        assertTrue(resnet.contains("layer2.0.downsample.0"));
        assertEquals("layer4.1.conv2", resnet.get(19));
        List<String> vgg = paths(LayerGroup.ALL_CONV.select(LayerSelectorTest.vgg16()));
        assertEquals(13, vgg.size());
        assertEquals("features.28", vgg.get(12));
    }

    @Test
    void allBlocksIsTheResidualBlocksOfAResnetAndItsStem() {
        // bn1 and maxpool are normalisation and pooling, avgpool is 1x1, fc is not spatial
        assertEquals(List.of("conv1", "relu", "layer1.0", "layer1.1", "layer2.0", "layer2.1", "layer3.0", "layer3.1",
                "layer4.0", "layer4.1"), paths(LayerGroup.ALL_BLOCKS.select(LayerSelectorTest.resnet18())));
    }

    @Test
    void allBlocksOfAFlatSequentialIsTheSequential() {
        // vgg's features holds plain layers only, so it is one block; avgpool is a pooling layer
        assertEquals(List.of("features"), paths(LayerGroup.ALL_BLOCKS.select(LayerSelectorTest.vgg16())));
    }

    @Test
    void aContainerThatIsNotASequentialIsABlockOfItsOwn() {
        // torchvision's inception_v3 (abridged): BasicConv2d and InceptionA hold sub-containers but
        // are blocks, not chains; a DJL SequentialBlock of blocks is unwrapped like nn.Sequential
        List<LayerInfo> layers = List.of(
                new LayerInfo("Conv2d_1a_3x3", "BasicConv2d", new long[] {1, 32, 149, 149}),
                new LayerInfo("Conv2d_1a_3x3.conv", "Conv2d", new long[] {1, 32, 149, 149}),
                new LayerInfo("Conv2d_1a_3x3.bn", "BatchNorm2d", new long[] {1, 32, 149, 149}),
                new LayerInfo("Mixed_5b", "InceptionA", new long[] {1, 256, 35, 35}),
                new LayerInfo("Mixed_5b.branch1x1", "BasicConv2d", new long[] {1, 64, 35, 35}),
                new LayerInfo("Mixed_5b.branch1x1.conv", "Conv2d", new long[] {1, 64, 35, 35}),
                new LayerInfo("blocks", "SequentialBlock", new long[] {1, 8, 9, 9}),
                new LayerInfo("blocks.0", "SequentialBlock", new long[] {1, 8, 9, 9}),
                new LayerInfo("blocks.0.0", "Conv2d", new long[] {1, 8, 9, 9}),
                new LayerInfo("fc", "Linear", new long[] {1, 10}));
        assertEquals(List.of("Conv2d_1a_3x3", "Mixed_5b", "blocks.0"), paths(LayerGroup.ALL_BLOCKS.select(layers)));
    }

    @Test
    void layersThatCannotBeCapturedAreLeftOut() {
        List<LayerInfo> layers = new ArrayList<>(LayerSelectorTest.resnet18());
        layers.replaceAll(l -> l.path().equals("layer1.0.conv1") || l.path().equals("layer2.1")
                ? new LayerInfo(l.path(), l.type(), null) : l);
        assertTrue(!paths(LayerGroup.ALL_CONV.select(layers)).contains("layer1.0.conv1"));
        assertTrue(!paths(LayerGroup.ALL_BLOCKS.select(layers)).contains("layer2.1"));
    }

    @Test
    void aModelWithoutConvolutionsSaysSo() {
        List<LayerInfo> mlp = List.of(new LayerInfo("0", "Flatten", new long[] {1, 12}),
                new LayerInfo("1", "Linear", new long[] {1, 4}));
        LoupeException e = assertThrows(LoupeException.class, () -> LayerGroup.ALL_CONV.select(mlp));
        assertEquals(ErrorKind.INPUT, e.kind());
        assertTrue(e.getMessage().contains("all-conv"), e.getMessage());
        assertTrue(e.getMessage().contains("Conv2d"), e.getMessage());
        assertTrue(e.getMessage().contains("Flatten, Linear"), e.getMessage());
        LoupeException blocks = assertThrows(LoupeException.class, () -> LayerGroup.ALL_BLOCKS.select(mlp));
        assertTrue(blocks.getMessage().contains("all-blocks"), blocks.getMessage());
    }
}
