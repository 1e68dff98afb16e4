package dev.loupe.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeviceTest {

    @Test
    void parsesEveryForm() {
        assertSame(Device.CPU, Device.parse("cpu"));
        assertSame(Device.AUTO, Device.parse("auto"));
        assertEquals(Device.gpu(0), Device.parse("gpu"));
        assertEquals(Device.gpu(0), Device.parse("gpu:0"));
        assertEquals(Device.gpu(3), Device.parse("gpu:3"));
        assertEquals(Device.gpu(1), Device.parse("GPU:1"), "letter case does not matter");
        assertEquals(Device.gpu(12), Device.parse("gpu:012"));
    }

    @Test
    void toStringIsCanonicalAndParsesBack() {
        assertEquals("cpu", Device.CPU.toString());
        assertEquals("auto", Device.AUTO.toString());
        assertEquals("gpu:0", Device.parse("gpu").toString());
        assertEquals("gpu:2", Device.gpu(2).toString());
        for (Device d : new Device[] {Device.CPU, Device.AUTO, Device.gpu(0), Device.gpu(7)}) {
            assertEquals(d, Device.parse(d.toString()));
        }
    }

    @Test
    void kindAndIndex() {
        assertEquals(Device.Kind.GPU, Device.gpu(2).kind());
        assertEquals(2, Device.gpu(2).index());
        assertTrue(Device.gpu(2).isGpu());
        assertFalse(Device.AUTO.isGpu());
        assertEquals(-1, Device.CPU.index());
        assertNotEquals(Device.gpu(0), Device.gpu(1));
        assertEquals(Device.gpu(1).hashCode(), Device.parse("gpu:1").hashCode());
    }

    @Test
    void unknownWordsNameTheFormsAndSuggest() {
        assertEquals("unknown value 'tpu', did you mean 'cpu'? (valid values: " + Device.FORMS + ")", message("tpu"));
        assertEquals("unknown value 'GPUs', did you mean 'gpu'? (valid values: " + Device.FORMS + ")", message("GPUs"));
        assertEquals("unknown value 'cuda', did you mean 'gpu'? (valid values: " + Device.FORMS + ")", message("cuda"));
        assertEquals("unknown value 'quantum', valid values: " + Device.FORMS, message("quantum"));
        assertEquals("cpu, auto, gpu, gpu:0, gpu:1, ...", Device.FORMS);
    }

    @Test
    void anIndexOnlyFitsAGpu() {
        assertTrue(message("cuda:1").contains("did you mean 'gpu:1'?"), message("cuda:1"));
        assertTrue(message("cpu:0").contains("did you mean 'cpu'?"), message("cpu:0"));
        assertTrue(message("cuda:x").contains("did you mean 'gpu'?"), message("cuda:x"));
    }

    @Test
    void badGpuIndexes() {
        for (String bad : new String[] {"gpu:", "gpu:-1", "gpu:x", "gpu:1.5", "gpu:0:1"}) {
            String m = message(bad);
            assertEquals("bad GPU index in '" + bad + "': expected a whole number >= 0 after 'gpu:' (valid values:"
                    + " cpu, auto, gpu, gpu:0, gpu:1, ...)", m);
        }
        assertTrue(message("gpu:99999999999").contains("too large"), message("gpu:99999999999"));
        assertThrows(IllegalArgumentException.class, () -> Device.gpu(-1));
    }

    private static String message(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Device.parse(text)).getMessage();
    }
}
