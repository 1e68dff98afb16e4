package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --device}: its forms, its errors, and what run.json records, on a machine without a GPU. */
class DeviceCliTest {

    @TempDir
    Path tmp;

    private CliRun explain(String device) {
        return CliRun.of("explain", "--model", Fixtures.path("quickstart/shapes_cnn.pt").toString(), "--image",
                Fixtures.path("quickstart/images/circle_1.png").toString(), "--method", "saliency",
                "--out", tmp.resolve("out").toString(), "--device", device);
    }

    @Test
    void aBadDeviceIsAUsageErrorNamingTheForms() {
        CliRun run = explain("cuda");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Invalid value for option '--device': unknown value 'cuda', did you mean 'gpu'?"
                + " (valid values: cpu, auto, gpu, gpu:0, gpu:1, ...)");
        CliRun index = CliRun.of("layers", "--model", Fixtures.path("quickstart/shapes_cnn.pt").toString(),
                "--device", "gpu:one");
        assertThat(index.exitCode()).as(index.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(index.err()).contains("bad GPU index in 'gpu:one'");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aGpuThatIsNotThereIsAnInputError() throws IOException {
        Assumptions.assumeTrue(cpuNativesOnly(), "libtorch is the CPU build here");
        CliRun run = explain("gpu:0");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("device gpu:0 was asked for, but libtorch sees no GPU: this build has CPU"
                + " natives only").contains("-Pcuda");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void autoRunsOnTheCpuAndRunJsonSaysBoth() throws IOException {
        Assumptions.assumeTrue(cpuNativesOnly(), "libtorch is the CPU build here");
        CliRun run = explain("auto");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        JsonNode model = new ObjectMapper().readTree(tmp.resolve("out/run.json").toFile()).path("model");
        assertThat(model.path("device").asText()).isEqualTo("cpu");
        assertThat(model.path("device_requested").asText()).isEqualTo("auto");
        assertThat(model.path("options").isObject() && model.path("options").isEmpty()).as(model.toString()).isTrue();
    }

    /** Whether only DJL's CPU libtorch is on the class path (not a -Pcuda build). */
    private static boolean cpuNativesOnly() throws IOException {
        List<String> flavors = new ArrayList<>();
        for (URL url : Collections.list(DeviceCliTest.class.getClassLoader().getResources("native/lib/pytorch.properties"))) {
            Properties p = new Properties();
            try (InputStream in = url.openStream()) {
                p.load(in);
            }
            flavors.add(p.getProperty("flavor"));
        }
        return flavors.equals(List.of("cpu"));
    }
}
