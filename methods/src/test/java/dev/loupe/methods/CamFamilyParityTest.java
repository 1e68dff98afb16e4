package dev.loupe.methods;

import static dev.loupe.core.testing.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explanations;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.core.testing.NpyReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CAM variants from the TorchScript fixtures equal PyTorch (fixtures/make_cam_references.py,
 * which follows pytorch-grad-cam's formulas; Ablation-CAM zeroes channels as the paper does).
 * Tolerance: max |diff| <= rtol * max|reference| + 1e-6, rtol 1e-4 as for Grad-CAM (measured with
 * -Dloupe.test.printDiffs=true: at most 3e-7 of max|ref|, Ablation-CAM 4.9e-6, Eigen-CAM 0), except
 * for Grad-CAM++ (rtol 1e-3): its alpha divides by 2 g^2 + sum(A) g^3, which comes
 * close to zero on a layer with negative activation sums (vgg16 features.28, a conv before its
 * ReLU) and magnifies float32 differences in g there (measured 1.7e-4 of max|ref| on that layer,
 * at most 1.3e-7 on the others).
 */
class CamFamilyParityTest {

    static final double ATOL = 1e-6;
    static final List<String> GRADIENT_VARIANTS = List.of("grad-cam-plus-plus", "xgrad-cam", "hires-cam", "layer-cam");
    static final List<String> FORWARD_VARIANTS = List.of("eigen-cam", "score-cam", "ablation-cam");

    private static final ExplainerRegistry REGISTRY = ExplainerRegistry.load();

    @AfterAll
    static void closeModels() {
        ReferenceParityTest.closeModels();
    }

    /** (reference id, model file, layer) for every layer with references. */
    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("shapes_cnn", "quickstart/shapes_cnn.pt", "features.13"),
                Arguments.of("shapes_cnn", "quickstart/shapes_cnn.pt", "features.11"),
                Arguments.of("resnet18", "models/resnet18_traced.pt", "layer4"),
                Arguments.of("resnet18", "models/resnet18_traced.pt", "layer3"),
                Arguments.of("resnet18", "models/resnet18_scripted.pt", "layer4"),
                Arguments.of("vgg16", "models/vgg16_traced.pt", "features.29"),
                Arguments.of("vgg16", "models/vgg16_traced.pt", "features.28"));
    }

    static FloatArray run(String id, String file, String method, Map<String, Object> params) throws IOException {
        FloatArray input = NpyReader.read(Fixtures.path("reference/" + id + "/input.npy"));
        ExplainableModel model = ReferenceParityTest.model(file, input);
        List<Attribution> maps = Explanations.explain(REGISTRY.create(method, params, model), model, input,
                ReferenceParityTest.targets(id, "top"), Labels.none());
        return FloatArray.stack(maps.stream().map(Attribution::map).toList());
    }

    static FloatArray reference(String id, String name) {
        return NpyReader.read(Fixtures.path("reference/" + id + "/cam/" + name));
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("layers")
    void gradientVariantsMatchPytorch(String id, String file, String layer) throws IOException {
        for (String method : GRADIENT_VARIANTS) {
            double rtol = method.equals("grad-cam-plus-plus") ? 1e-3 : 1e-4;
            assertClose(run(id, file, method, Map.of("layer", layer)), reference(id, method + "_" + layer + "_top.npy"),
                    rtol, ATOL, file + " " + method + " " + layer);
        }
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("layers")
    void forwardVariantsMatchPytorch(String id, String file, String layer) throws IOException {
        for (String method : FORWARD_VARIANTS) {
            Map<String, Object> params = method.equals("eigen-cam") ? Map.of("layer", layer) : Map.of("layer", layer, "batch-size", 7);
            assertClose(run(id, file, method, params),
                    reference(id, method + "_" + layer + "_top.npy"), 1e-4, ATOL, file + " " + method + " " + layer);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("gapModels")
    void camMatchesTheHeadWeights(String id, String file, String layer) throws IOException {
        assertClose(run(id, file, "cam", Map.of("layer", layer)), reference(id, "cam_" + layer + "_top.npy"),
                1e-4, ATOL, file + " cam " + layer);
    }

    static Stream<Arguments> gapModels() {
        return Stream.of(
                Arguments.of("shapes_cnn", "quickstart/shapes_cnn.pt", "features.13"),
                Arguments.of("resnet18", "models/resnet18_traced.pt", "layer4"),
                Arguments.of("resnet18", "models/resnet18_scripted.pt", "layer4"));
    }

    @Test
    void camRefusesLayersNotFollowedByPoolingAndLinear() {
        for (String[] c : List.of(new String[] {"vgg16", "models/vgg16_traced.pt", "features.29"},
                new String[] {"resnet18", "models/resnet18_traced.pt", "layer3"},
                new String[] {"shapes_cnn", "quickstart/shapes_cnn.pt", "features.11"})) {
            LoupeException e = assertThrows(LoupeException.class, () -> run(c[0], c[1], "cam", Map.of("layer", c[2])));
            assertTrue(e.getMessage().contains("global average pooling") && e.getMessage().contains(c[2])
                    && e.getMessage().contains("grad-cam"), e.getMessage());
        }
    }

    @Test
    void batchSizeDoesNotChangeScoreOrAblationCam() throws IOException {
        for (String method : List.of("score-cam", "ablation-cam")) {
            List<FloatArray> maps = new ArrayList<>();
            for (int batch : new int[] {1, 64}) {
                maps.add(run("shapes_cnn", "quickstart/shapes_cnn.pt", method, Map.of("layer", "features.13", "batch-size", batch)));
            }
            assertClose(maps.get(0), maps.get(1), 1e-5, ATOL, method + " batch 1 vs 64");
        }
    }

    @Test
    void eachVariantReportsTheLayerAndTarget() throws IOException {
        FloatArray input = NpyReader.read(Fixtures.path("reference/resnet18/input.npy"));
        ExplainableModel model = ReferenceParityTest.model("models/resnet18_traced.pt", input);
        for (String method : List.of("cam", "grad-cam-plus-plus", "eigen-cam", "score-cam", "ablation-cam")) {
            List<Attribution> maps = Explanations.explain(REGISTRY.create(method, Map.of("layer", "auto"), model), model, input,
                    ReferenceParityTest.targets("resnet18", "top"), Labels.none());
            for (Attribution a : maps) {
                assertEquals("layer4", a.layer(), method);
                assertEquals(Attribution.MapKind.LAYER, a.kind(), method);
            }
            assertEquals(8, maps.get(0).target(), method);
        }
    }
}
