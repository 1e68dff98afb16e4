package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.spi.ExplainerProvider;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.render.Npy;
import dev.loupe.render.heatmap.ChannelReduction;
import dev.loupe.render.heatmap.LayerCombination;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every layer method on the class path (any method with a 'layer' parameter of the layer type)
 * takes a layer list. A method that refuses the model or a layer at explain time leaves none of
 * its files behind.
 */
class EveryLayerMethodTest {

    /** The last block and its parent: the same output, so even CAM (which needs the layer before the pooling) accepts both. */
    private static final List<String> LAYERS = List.of("features.13", "features");

    @TempDir
    Path tmp;

    @Test
    void everyLayerMethodWritesEachLayerAndTheCombination() throws Exception {
        List<String> methods = ExplainerRegistry.load().all().stream().filter(MethodLayers::isLayerMethod)
                .map(ExplainerProvider::name).toList();
        assertThat(methods).contains("grad-cam", "guided-grad-cam");
        List<String> ran = new ArrayList<>();
        for (String method : methods) {
            Path out = tmp.resolve(method);
            CliRun run = CliRun.of("explain", "--model", Fixtures.path("quickstart/shapes_cnn.pt").toString(),
                    "--image", Fixtures.path("quickstart/images/circle_1.png").toString(), "--method", method,
                    "--layer", String.join(",", LAYERS), "--out", out.toString());
            Path dir = out.resolve("circle_1");
            if (run.exitCode() != ExitCodes.OK) {
                // refused while explaining (a backend without a capability): reported, and no files of it
                assertThat(run.exitCode()).as(method + "\n" + run).isEqualTo(ExitCodes.INPUT);
                assertThat(run.err()).as(method).doesNotContain("internal");
                assertThat(!Files.exists(dir) || isEmpty(dir)).as(method + " left files").isTrue();
                continue;
            }
            ran.add(method);
            List<FloatArray> planes = new ArrayList<>();
            for (String layer : LAYERS) {
                FloatArray map = Npy.read(dir.resolve(method + "@" + layer + ".npy"));
                planes.add(map.rank() == 3 ? ChannelReduction.ABS_MAX.apply(map) : map);
                assertThat(dir.resolve(method + "@" + layer + ".png")).exists();
            }
            assertThat(Npy.read(dir.resolve(method + "@combined.npy")).data()).as(method)
                    .containsExactly(LayerCombination.combine(planes, 80, 80).data());
        }
        assertThat(ran).as("methods that ran").contains("grad-cam", "guided-grad-cam").hasSizeGreaterThan(methods.size() / 2);
    }

    private static boolean isEmpty(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }
}
