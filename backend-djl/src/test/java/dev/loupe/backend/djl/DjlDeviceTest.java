package dev.loupe.backend.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Device;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Loupe's device names mapped to DJL's, on a machine where libtorch sees no GPU (CI, CPU natives). */
class DjlDeviceTest {

    @BeforeAll
    static void noGpuHere() {
        Assumptions.assumeTrue(DjlEngine.pytorch().getGpuCount() == 0, "these tests describe a machine without a GPU");
    }

    @Test
    void cpuIsTheCpu() {
        assertEquals(ai.djl.Device.cpu(), DjlEngine.device(Device.CPU));
    }

    @Test
    void autoFallsBackToTheCpuAndSaysSoOnce() {
        Logger logger = (Logger) LoggerFactory.getLogger(DjlEngine.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        Level before = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(seen);
        try {
            assertEquals(ai.djl.Device.cpu(), DjlEngine.device(Device.AUTO));
        } finally {
            logger.detachAppender(seen);
            logger.setLevel(before);
        }
        assertEquals(1, seen.list.size(), seen.list.toString());
        ILoggingEvent line = seen.list.get(0);
        assertEquals(Level.INFO, line.getLevel());
        assertTrue(line.getFormattedMessage().startsWith("device auto: running on the CPU, as libtorch sees no GPU:"
                + " this build has CPU natives only"), line.getFormattedMessage());
    }

    @Test
    void aGpuIsRefusedWithTheReason() {
        for (Device gpu : List.of(Device.gpu(0), Device.gpu(3))) {
            LoupeException e = assertThrows(LoupeException.class, () -> DjlEngine.device(gpu));
            assertEquals(ErrorKind.INPUT, e.kind());
            assertEquals("device " + gpu + " was asked for, but libtorch sees no GPU: this build has CPU natives only"
                    + " (ai.djl.pytorch:pytorch-native-cpu); build with -Pcuda for CUDA natives (see README.md, GPU)."
                    + " Use device cpu or auto.", e.getMessage());
        }
    }

    @Test
    void theCudaNativesGetAnotherReason() {
        String why = PytorchNatives.whyNoGpu(Set.of("cpu", "cu121"));
        assertTrue(why.startsWith("CUDA natives (cu121) are on the class path, but no CUDA device is visible"), why);
        assertTrue(why.contains("nvidia-smi") && why.contains("CUDA_VISIBLE_DEVICES"), why);
    }

    @Test
    void theClassPathHoldsTheCpuNatives() {
        assertEquals(Set.of("cpu"), PytorchNatives.flavors());
    }

    @Test
    void descriptionsUseLoupesDeviceNames() {
        assertEquals(Device.CPU, DjlEngine.loupeDevice(ai.djl.Device.cpu()));
        assertEquals(Device.gpu(2), DjlEngine.loupeDevice(ai.djl.Device.gpu(2)));
        Path file = Fixtures.path("quickstart/shapes_cnn.pt");
        try (ExplainableModel model = new DjlBackendProvider().open(
                new ModelSpec(file, Device.AUTO, new long[] {3, 80, 80}, Map.of()))) {
            assertEquals("cpu", model.description().device());
        }
    }

    @Test
    void takesNoOptionsAndNoFolders(@TempDir Path dir) throws Exception {
        DjlBackendProvider djl = new DjlBackendProvider();
        assertEquals(Set.of(), djl.optionNames());
        LoupeException option = assertThrows(LoupeException.class, () -> djl.open(new ModelSpec(
                Fixtures.path("quickstart/shapes_cnn.pt"), Device.CPU, new long[] {3, 80, 80}, Map.of("threads", "2"))));
        assertEquals(ErrorKind.USAGE, option.kind());
        assertEquals("Backend 'djl' has no model option 'threads'. It takes no model options.", option.getMessage());
        Path folder = Files.createDirectory(dir.resolve("saved_model"));
        assertFalse(djl.recognizes(folder));
        LoupeException e = assertThrows(LoupeException.class,
                () -> djl.open(new ModelSpec(folder, Device.CPU, new long[] {3, 8, 8}, Map.of())));
        assertEquals(ErrorKind.INPUT, e.kind());
        assertTrue(e.getMessage().contains("it is a folder"), e.getMessage());
    }
}
