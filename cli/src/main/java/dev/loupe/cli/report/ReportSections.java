package dev.loupe.cli.report;

import dev.loupe.core.stability.Internal;
import java.util.List;

/** The sections every report has, in page order. A new section is added here (see {@link ReportSection}). */
@Internal
public final class ReportSections {

    private ReportSections() {
    }

    public static List<ReportSection> standard() {
        return List.of(
                new GridSection(),        // index: a row per image, a column per method
                new FailuresSection(),    // images that failed, with the reason
                new ImageSection(),       // image page: the input and its top classes, every method at full size
                new EvaluationSection(),  // loupe evaluate's table and curves, when OUT/evaluation.json exists
                new ProvenanceSection()); // run.json: model, versions, parameters, timings
    }
}
