package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Only the backend in use loads its native engine, and libtorch and libtensorflow work side by
 * side in one JVM (conv nets, forward and backward, alternating). Each case runs in a JVM of its
 * own, since a library once loaded stays loaded.
 */
class NativeLibrariesTest {

    private static String probe(int rounds, Path... models) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", NativeProbe.class.getName(),
                String.valueOf(rounds)));
        for (Path model : models) {
            command.add(model.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void aTorchScriptRunLoadsOnlyLibtorch() throws Exception {
        assertThat(probe(1, Fixtures.path("quickstart/shapes_cnn.pt"))).contains("libtorch=true libtensorflow=false");
    }

    @Test
    void aSavedModelRunLoadsOnlyLibtensorflow() throws Exception {
        assertThat(probe(1, Fixtures.path("tf/shapes_cnn/graph"))).contains("libtorch=false libtensorflow=true");
    }

    @Test
    void bothEnginesRunSideBySideInOneJvm() throws Exception {
        assertThat(probe(20, Fixtures.path("tf/shapes_cnn/keras"), Fixtures.path("quickstart/shapes_cnn.pt")))
                .contains("libtorch=true libtensorflow=true stable=true");
    }
}
