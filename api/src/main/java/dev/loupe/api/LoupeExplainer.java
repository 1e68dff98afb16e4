package dev.loupe.api;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Attribution;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.explain.Explanations;
import dev.loupe.core.explain.Progress;
import dev.loupe.core.explain.Target;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.image.PreprocessedImage;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One method with its parameters, bound to a {@link LoupeModel}; from {@link LoupeModel#explainer}.
 * Immutable and safe to call from several threads at once (see {@link LoupeModel} for what the
 * backends guarantee). Every call runs in its own native scope, closed before it returns; results
 * are plain Java arrays.
 */
@Experimental
public final class LoupeExplainer {

    private final LoupeModel model;
    private final String method;
    private final Parameters parameters;
    private final Explainer explainer;

    LoupeExplainer(LoupeModel model, String method, Parameters parameters, Explainer explainer) {
        this.model = model;
        this.method = method;
        this.parameters = parameters;
        this.explainer = explainer;
    }

    public String method() {
        return method;
    }

    /** The validated parameters, defaults filled in, for provenance. */
    public Parameters parameters() {
        return parameters;
    }

    /** The image file's map for the class the model scores highest. */
    public Explanation explain(Path image) {
        return explain(image, Target.top());
    }

    public Explanation explain(Path image, Target target) {
        return explainPrepared(List.of(model.prepare(image)), target).get(0);
    }

    /** An image in memory, for the class the model scores highest. */
    public Explanation explain(BufferedImage image) {
        return explain(image, Target.top());
    }

    public Explanation explain(BufferedImage image, Target target) {
        return explainPrepared(List.of(model.prepare(image)), target).get(0);
    }

    /**
     * Several image files, {@link ModelBuilder#batchSize} per pass, results in the same order. After
     * preprocessing the images of one pass must have the same size; set a center crop or an exact
     * resize for images of mixed sizes.
     */
    public List<Explanation> explain(List<Path> images, Target target) {
        List<PreprocessedImage> prepared = new ArrayList<>(images.size());
        for (Path image : images) {
            prepared.add(model.prepare(image));
        }
        return explainPrepared(prepared, target);
    }

    /** Images already preprocessed ({@link LoupeModel#prepare}); one target for all. */
    public List<Explanation> explainPrepared(List<PreprocessedImage> images, Target target) {
        Objects.requireNonNull(target, "target");
        List<Explanation> out = new ArrayList<>(images.size());
        int batch = model.batchSize();
        for (int from = 0; from < images.size(); from += batch) {
            List<PreprocessedImage> part = images.subList(from, Math.min(images.size(), from + batch));
            List<Attribution> maps = explainTensor(stack(part), target);
            for (int i = 0; i < part.size(); i++) {
                out.add(new Explanation(method, part.get(i).display(), maps.get(i), model.labels()));
            }
        }
        return out;
    }

    /**
     * The raw maps of a batch of model inputs (B, C, H, W), already normalised: the lower-level
     * call, for callers that preprocess themselves.
     */
    public List<Attribution> explainTensor(FloatArray images, Target target) {
        if (images.rank() != 4) {
            throw new IllegalArgumentException("expected a batch (B, C, H, W), got shape " + Arrays.toString(images.shape()));
        }
        return Explanations.explain(explainer, model.open(), images, List.of(target), model.labels(),
                model.imageSource(), Progress.NONE);
    }

    private static FloatArray stack(List<PreprocessedImage> images) {
        List<FloatArray> inputs = new ArrayList<>(images.size());
        for (PreprocessedImage image : images) {
            FloatArray input = image.input();
            if (!inputs.isEmpty() && !Arrays.equals(input.shape(), inputs.get(0).shape())) {
                throw new LoupeException(ErrorKind.INPUT, "Images of one batch differ in size after preprocessing: "
                        + name(images.get(0)) + " gives " + Arrays.toString(inputs.get(0).shape()) + ", " + name(image)
                        + " gives " + Arrays.toString(input.shape()) + ". Preprocess with a center crop or an exact"
                        + " resize, or use batchSize(1).");
            }
            inputs.add(input);
        }
        return FloatArray.stack(inputs);
    }

    private static String name(PreprocessedImage image) {
        return image.display().source() != null ? image.display().source().toString() : "an image in memory";
    }

    @Override
    public String toString() {
        return method + parameters;
    }
}
