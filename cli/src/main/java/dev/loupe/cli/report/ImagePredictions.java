package dev.loupe.cli.report;

import dev.loupe.core.stability.Internal;
import java.util.List;

/**
 * One input image's top classes, or why there are none.
 *
 * @param file  the image file as the run lists it (the {@code file} of {@code run.json})
 * @param top   the most probable classes, best first; empty when {@code error} is set
 * @param error why the image could not be predicted (unreadable, ...), else {@code null}
 */
@Internal
public record ImagePredictions(String file, List<ReportPrediction> top, String error) {

    public ImagePredictions {
        top = List.copyOf(top);
    }
}
