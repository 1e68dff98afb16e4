package dev.loupe.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSpecTest {

    private static final Path MODEL = Path.of("resnet18.pt");

    @Test
    void ofMeansCpuAndNoOptions() {
        ModelSpec spec = ModelSpec.of(MODEL, 3, 224, 224);
        assertEquals(MODEL, spec.path());
        assertEquals(Device.CPU, spec.device());
        assertArrayEquals(new long[] {3, 224, 224}, spec.inputShape());
        assertTrue(spec.options().isEmpty());
    }

    @Test
    void inputShapeIsChannelsHeightWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelSpec(MODEL, Device.CPU, new long[] {1, 3, 224, 224}, Map.of()));
        assertTrue(e.getMessage().contains("(C, H, W)") && e.getMessage().contains("4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ModelSpec(MODEL, Device.CPU, new long[] {224, 224}, Map.of()));
    }

    @Test
    void pathAndDeviceAreRequired() {
        NullPointerException p = assertThrows(NullPointerException.class,
                () -> new ModelSpec(null, Device.CPU, new long[] {3, 2, 2}, Map.of()));
        assertEquals("path", p.getMessage());
        NullPointerException d = assertThrows(NullPointerException.class,
                () -> new ModelSpec(MODEL, null, new long[] {3, 2, 2}, Map.of()));
        assertEquals("device", d.getMessage());
    }

    @Test
    void shapeAndOptionsAreCopies() {
        long[] shape = {3, 224, 224};
        Map<String, String> options = new HashMap<>(Map.of("threads", "4"));
        ModelSpec spec = new ModelSpec(MODEL, Device.AUTO, shape, options);
        shape[1] = 1;
        options.put("threads", "8");
        spec.inputShape()[2] = 1;
        assertArrayEquals(new long[] {3, 224, 224}, spec.inputShape());
        assertEquals(Map.of("threads", "4"), spec.options());
        assertThrows(UnsupportedOperationException.class, () -> spec.options().put("x", "y"));
    }
}
