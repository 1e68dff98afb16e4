package dev.loupe.examples.embedding;

import dev.loupe.api.Explanation;
import dev.loupe.api.Loupe;
import dev.loupe.api.LoupeExplainer;
import dev.loupe.api.LoupeModel;
import dev.loupe.api.Params;
import dev.loupe.api.Prediction;
import dev.loupe.core.explain.Target;
import dev.loupe.render.image.ImageLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Explains every image of a folder with Grad-CAM and saliency, prints each image's top classes,
 * and writes one overlay per image and method.
 *
 * <pre>
 * java -Dai.djl.offline=true -cp ... dev.loupe.examples.embedding.ExplainImages \
 *     fixtures/quickstart/shapes_cnn.pt fixtures/quickstart/images fixtures/quickstart/labels.txt out/embedding
 * </pre>
 */
public final class ExplainImages {

    private ExplainImages() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ExplainImages MODEL.pt IMAGE_FOLDER LABELS.txt OUT_FOLDER");
            System.exit(2);
        }
        Path modelFile = Path.of(args[0]);
        List<Path> images = ImageLoader.listImages(Path.of(args[1]));
        Path out = Files.createDirectories(Path.of(args[3]));

        try (LoupeModel model = Loupe.model(modelFile)   // the backend follows the file: djl for TorchScript
                .inputSize(3, 80, 80)                    // the images are already the model's size
                .labels(Path.of(args[2]))
                .open()) {
            System.out.println("model: " + model.description().backend() + ", " + model.description().classCount()
                    + " classes, " + model.layers().size() + " layers");
            LoupeExplainer gradCam = model.explainer("grad-cam", Params.of("layer", "features.13"));
            LoupeExplainer saliency = model.explainer("saliency");

            for (Path image : images) {
                List<Prediction> top = model.predict(image, 2);
                System.out.println(image.getFileName() + ": " + top);
            }
            for (LoupeExplainer method : List.of(gradCam, saliency)) {
                // one call for the whole folder: batchSize (8) images per pass
                for (Explanation e : method.explain(images, Target.top())) {
                    String name = e.source().orElseThrow().getFileName().toString().replaceFirst("\\.[^.]+$", "");
                    Path png = e.saveOverlay(out.resolve(name + "." + e.method() + ".png"));
                    System.out.println("wrote " + png + " (" + e + ")");
                }
            }
        }
    }
}
