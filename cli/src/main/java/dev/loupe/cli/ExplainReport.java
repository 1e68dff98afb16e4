package dev.loupe.cli;

import dev.loupe.cli.report.HtmlReport;
import dev.loupe.cli.report.ImagePredictions;
import dev.loupe.cli.report.ReportInputs;
import dev.loupe.cli.report.ReportPrediction;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.render.image.ImageLoader;
import dev.loupe.render.image.ImageReadException;
import dev.loupe.render.image.PreprocessedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTML report of a {@code loupe explain} run ({@code output.report: true} or {@code --report};
 * see {@link HtmlReport}): each image's top classes while the model is open, then the pages once
 * {@code run.json} is written. Does nothing when the run has no report.
 */
final class ExplainReport {

    /** Classes listed per image (all of them when the model has fewer). */
    static final int TOP = 5;

    private final RunSpec spec;
    private final List<ImagePredictions> predictions = new ArrayList<>();

    ExplainReport(RunSpec spec) {
        this.spec = spec;
    }

    /** Each image's top classes, as {@code loupe predict} computes them: a forward pass at batch 1 per image. */
    void predict(ExplainableModel model, List<Path> images, Labels labels) {
        if (!spec.report()) {
            return;
        }
        int classes = model.description().classCount();
        ImageLoader loader = new ImageLoader();
        for (Path image : images) {
            try {
                PreprocessedImage input = spec.preprocessor().apply(loader.load(image));
                List<ReportPrediction> top = Prediction.of(PredictCommand.logits(model, input, classes), TOP).top().stream()
                        .map(r -> new ReportPrediction(r.rank(), r.classIndex(), labels.name(r.classIndex()).orElse(null),
                                r.probability(), r.logit()))
                        .toList();
                predictions.add(new ImagePredictions(image.toString(), top, null));
            } catch (ImageReadException | RuntimeException e) {
                if (e instanceof LoupeException l && l.kind() == ErrorKind.INTERNAL) {
                    throw l;
                }
                // the explain loop has reported it already; the report shows it on the image's row
                predictions.add(new ImagePredictions(image.toString(), List.of(), String.valueOf(e.getMessage())));
            }
        }
    }

    /** The pages, from run.json and the maps; prints where the index is. */
    void write(PrintWriter out) {
        if (!spec.report()) {
            return;
        }
        ImageLoader loader = new ImageLoader();
        ReportInputs inputs = new ReportInputs(predictions,
                file -> spec.preprocessor().apply(loader.load(Path.of(file))).display().toBufferedImage());
        try {
            out.println("report in " + HtmlReport.write(spec.outputDir(), inputs));
        } catch (IOException | RuntimeException e) {
            throw new LoupeException(ErrorKind.INTERNAL, "Could not write the HTML report in " + spec.outputDir() + ": "
                    + e.getMessage(), e);
        }
    }
}
