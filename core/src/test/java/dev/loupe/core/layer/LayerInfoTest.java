package dev.loupe.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LayerInfoTest {

    @Test
    void depthCountsTheDots() {
        assertEquals(0, new LayerInfo("layer4", "Sequential", new long[] {1, 512, 7, 7}).depth());
        assertEquals(1, new LayerInfo("features.28", "Conv2d", new long[] {1, 512, 14, 14}).depth());
        assertEquals(3, new LayerInfo("layer2.0.downsample.0", "Conv2d", new long[] {1, 128, 28, 28}).depth());
    }

    @Test
    void capturableOnlyWithAShape() {
        assertTrue(new LayerInfo("fc", "Linear", new long[] {1, 1000}).capturable());
        LayerInfo aux = new LayerInfo("aux", "InceptionAux", null);
        assertFalse(aux.capturable());
        assertNull(aux.outputShape());
    }

    @Test
    void shapeIsCopiedOnTheWayInAndOut() {
        long[] shape = {1, 64, 56, 56};
        LayerInfo layer = new LayerInfo("layer1", "Sequential", shape);
        shape[2] = 1;
        assertArrayEquals(new long[] {1, 64, 56, 56}, layer.outputShape());
        layer.outputShape()[3] = 1;
        assertArrayEquals(new long[] {1, 64, 56, 56}, layer.outputShape());
    }

    @Test
    void equalLayersAreEqualByValue() {
        LayerInfo a = new LayerInfo("layer4", "Sequential", new long[] {1, 512, 7, 7});
        LayerInfo b = new LayerInfo("layer4", "Sequential", new long[] {1, 512, 7, 7});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(1, Set.of(a).stream().filter(b::equals).count());
        assertEquals(List.of(a), List.of(b));
        assertNotEquals(a, new LayerInfo("layer4", "Sequential", new long[] {1, 512, 14, 14}));
        assertNotEquals(a, new LayerInfo("layer3", "Sequential", new long[] {1, 512, 7, 7}));
        assertNotEquals(a, new LayerInfo("layer4", "BasicBlock", new long[] {1, 512, 7, 7}));
        assertNotEquals(a, new LayerInfo("layer4", "Sequential", null));
        assertEquals(new LayerInfo("aux", "Aux", null), new LayerInfo("aux", "Aux", null));
    }

    @Test
    void toStringShowsTheShape() {
        assertEquals("LayerInfo[layer4, Sequential, [1, 512, 7, 7]]",
                new LayerInfo("layer4", "Sequential", new long[] {1, 512, 7, 7}).toString());
        assertTrue(new LayerInfo("aux", "Aux", null).toString().contains("not capturable"));
    }
}
