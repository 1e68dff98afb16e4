package dev.loupe.api;

import static dev.loupe.core.testing.Close.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Target;
import dev.loupe.core.param.ParameterException;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.testing.Fixtures;
import dev.loupe.core.testing.NpyReader;
import dev.loupe.render.Npy;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entry point end to end on the quickstart model: what it gives equals PyTorch's references
 * (fixtures/reference/shapes_cnn, made by fixtures/make_fixtures.py; tolerance as in the methods'
 * ReferenceParityTest: max|diff| <= 1e-4 max|reference| + 1e-6), rendering and saving work, and
 * mistakes get messages that name the fix.
 */
class LoupeApiTest {

    /** The order of the reference batch (fixtures/README.md). */
    static final List<String> REFERENCE_ORDER =
            List.of("circle_1", "square_1", "triangle_1", "cross_1", "circle_2", "triangle_2");

    private static LoupeModel model;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() {
        model = Loupe.model(Fixtures.path("quickstart/shapes_cnn.pt"))
                .inputSize(3, 80, 80)
                .labels(Fixtures.path("quickstart/labels.txt"))
                .open();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static List<Path> referenceImages() {
        return REFERENCE_ORDER.stream().map(n -> Fixtures.path("quickstart/images/" + n + ".png")).toList();
    }

    static FloatArray stack(List<Explanation> explanations) {
        return FloatArray.stack(explanations.stream().map(Explanation::map).toList());
    }

    @Test
    void theAutoBackendOfATorchScriptFileIsDjlAndPredictionsMatchPyTorch() {
        assertThat(model.description().backend()).isEqualTo("djl");
        assertThat(model.description().classCount()).isEqualTo(4);
        FloatArray logits = NpyReader.read(Fixtures.path("reference/shapes_cnn/logits.npy"));
        List<Path> images = referenceImages();
        for (int b = 0; b < images.size(); b++) {
            List<Prediction> top = model.predict(images.get(b), 2);
            FloatArray row = logits.slice(b);
            int best = 0;
            for (int c = 1; c < 4; c++) {
                best = row.data()[c] > row.data()[best] ? c : best;
            }
            assertThat(top).hasSize(2);
            assertThat(top.get(0).index()).isEqualTo(best);
            assertThat(top.get(0).label()).isEqualTo(List.of("circle", "square", "triangle", "cross").get(best));
            assertThat((double) top.get(0).logit()).isCloseTo(row.data()[best], org.assertj.core.data.Offset.offset(1e-4));
            assertThat(top.get(0).probability()).isGreaterThan(top.get(1).probability());
        }
    }

    @Test
    void preprocessingGivesTheReferenceInput() {
        FloatArray expected = NpyReader.read(Fixtures.path("reference/shapes_cnn/input.npy"));
        List<Path> images = referenceImages();
        for (int b = 0; b < images.size(); b++) {
            assertClose(model.prepare(images.get(b)).input(), expected.slice(b), 0, 1e-6, REFERENCE_ORDER.get(b));
        }
    }

    @Test
    void saliencyAndGradCamMatchPyTorch() {
        List<Explanation> saliency = model.explainer("saliency").explain(referenceImages(), Target.top());
        assertClose(stack(saliency), NpyReader.read(Fixtures.path("reference/shapes_cnn/saliency_top.npy")), 1e-4, 1e-6,
                "saliency");
        List<Explanation> gradCam = model.explainer("grad-cam", Params.of("layer", "features.13"))
                .explain(referenceImages(), Target.top());
        assertClose(stack(gradCam), NpyReader.read(Fixtures.path("reference/shapes_cnn/gradcam_features.13_top.npy")),
                1e-4, 1e-6, "grad-cam");
        assertThat(gradCam.get(0).attribution().layer()).isEqualTo("features.13");
        assertThat(gradCam.get(0).targetLabel()).contains("circle");
        assertThat(gradCam.get(0).source()).contains(referenceImages().get(0));
    }

    @Test
    void aMapParameterAndATypedOneGiveTheSameExplainerAndAFixedTargetIsUsed() {
        Path image = Fixtures.path("quickstart/images/square_1.png");
        Explanation typed = model.explainer("grad-cam", Params.of("layer", "features.13").with("relu", false))
                .explain(image, Target.label("triangle"));
        Explanation untyped = model.explainer("grad-cam", Map.of("layer", "features.13", "relu", false))
                .explain(image, Target.index(2));
        assertThat(typed.target()).isEqualTo(2);
        assertThat(typed.map()).isEqualTo(untyped.map());
        FloatArray fixed = NpyReader.read(Fixtures.path("reference/shapes_cnn/saliency_fixed.npy")).slice(1);
        // square_1 is batch item 1; the reference's fixed target there is (argmax + 1) % 4 = 2
        assertClose(model.explainer("saliency").explain(image, Target.index(2)).map(), fixed, 1e-4, 1e-6, "fixed target");
    }

    @Test
    void anImageInMemoryGivesTheSameMapAsItsFile() throws Exception {
        Path file = Fixtures.path("quickstart/images/cross_1.png");
        BufferedImage picture = ImageIO.read(file.toFile());
        LoupeExplainer saliency = model.explainer("saliency");
        assertThat(saliency.explain(picture, Target.top()).map()).isEqualTo(saliency.explain(file).map());
    }

    @Test
    void overlaysAndRawMapsAreSaved() throws Exception {
        Explanation e = model.explainer("grad-cam", Params.of("layer", "features.13"))
                .explain(Fixtures.path("quickstart/images/triangle_1.png"));
        Path png = e.saveOverlay(tmp.resolve("out/triangle_1.grad-cam.png"));
        BufferedImage read = ImageIO.read(png.toFile());
        assertThat(read.getWidth()).isEqualTo(80);
        assertThat(read.getHeight()).isEqualTo(80);
        assertThat(e.heatmap().width()).isEqualTo(80);
        assertThat(e.map().shape()).containsExactly(20, 20);
        Path npy = e.saveMap(tmp.resolve("out/triangle_1.grad-cam.npy"));
        assertThat(Npy.read(npy)).isEqualTo(e.map());
        BufferedImage viridis = e.overlay(RenderOptions.defaults()
                .withColormap(dev.loupe.render.color.Colormap.byName("viridis")).withImageWeight(0.3));
        assertThat(viridis.getRGB(40, 40)).isNotEqualTo(e.overlay().getRGB(40, 40));
        try (var files = Files.list(tmp.resolve("out"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "triangle_1.grad-cam.png", "triangle_1.grad-cam.npy");
        }
    }

    @Test
    void theTensorflowTwinOpensByItsFolderAndGivesTheSameMap() {
        Path image = Fixtures.path("quickstart/images/circle_2.png");
        try (LoupeModel tf = Loupe.model(Fixtures.path("tf/shapes_cnn/graph")).inputSize(3, 80, 80).open()) {
            assertThat(tf.description().backend()).isEqualTo("tensorflow");
            FloatArray tfMap = tf.explainer("grad-cam", Params.of("layer", "features/13")).explain(image).map();
            FloatArray torchMap = model.explainer("grad-cam", Params.of("layer", "features.13")).explain(image).map();
            assertClose(tfMap, torchMap, 1e-4, 1e-6, "grad-cam tensorflow vs djl");
        }
    }

    @Test
    void mistakesNameTheFix() {
        assertThatThrownBy(() -> model.explainer("grad-kam"))
                .isInstanceOf(LoupeException.class).hasMessageContaining("Did you mean").hasMessageContaining("grad-cam");
        assertThatThrownBy(() -> model.explainer("grad-cam", Params.of("layr", "features.13")))
                .isInstanceOf(ParameterException.class).hasMessageContaining("layer");
        assertThatThrownBy(() -> model.explainer("grad-cam", Params.of("layer", "features.99")))
                .isInstanceOf(LoupeException.class).hasMessageContaining("features.");
        assertThatThrownBy(() -> Loupe.model(Fixtures.path("quickstart/shapes_cnn.pt")).open())
                .isInstanceOf(LoupeException.class).hasMessageContaining("inputSize(3, height, width)");
        assertThatThrownBy(() -> Loupe.model(Fixtures.path("quickstart/shapes_cnn.pt")).backend("torch").inputSize(3, 80, 80).open())
                .isInstanceOf(LoupeException.class).hasMessageContaining("Available backends: djl, tensorflow");
        assertThatThrownBy(() -> Loupe.model(Fixtures.path("quickstart/shapes_cnn.pt")).inputSize(3, 80, 80)
                .option("outptu", "logits").open()).isInstanceOf(LoupeException.class).hasMessageContaining("outptu");
        assertThatThrownBy(() -> model.explainer("saliency").explain(tmp.resolve("missing.png")))
                .isInstanceOf(LoupeException.class).hasMessageContaining("missing.png").hasMessageContaining("no such file");
    }

    @Test
    void imagesOfDifferentSizesInOneBatchAreRefusedWithTheFix() throws Exception {
        Path small = tmp.resolve("small.png");
        ImageIO.write(new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB), "png", small.toFile());
        assertThatThrownBy(() -> model.explainer("saliency")
                .explain(List.of(Fixtures.path("quickstart/images/circle_1.png"), small), Target.top()))
                .isInstanceOf(LoupeException.class).hasMessageContaining("differ in size").hasMessageContaining("center crop");
    }

    @Test
    void theMissingArtifactIsNamed() {
        assertThat(Artifacts.noBackend().getMessage()).contains("dev.loupe:loupe-backend-djl")
                .contains("dev.loupe:loupe-backend-tensorflow");
        assertThat(Artifacts.missingBackendsHint(List.of("djl"))).contains("dev.loupe:loupe-backend-tensorflow")
                .doesNotContain("loupe-backend-djl");
        assertThat(Artifacts.missingBackendsHint(List.of("djl", "tensorflow"))).isEmpty();
        assertThat(Artifacts.noMethods().getMessage()).contains("dev.loupe:loupe-methods");
        assertThat(Loupe.methods()).contains("grad-cam", "saliency");
        assertThat(Loupe.backends()).containsExactly("djl", "tensorflow");
    }

    @Test
    void aClosedModelSaysSo() {
        LoupeModel other = Loupe.model(Fixtures.path("quickstart/shapes_cnn.pt")).inputSize(3, 80, 80).open();
        LoupeExplainer saliency = other.explainer("saliency");
        other.close();
        other.close();
        assertThatThrownBy(() -> saliency.explain(Fixtures.path("quickstart/images/circle_1.png")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("was closed");
    }
}
