package dev.loupe.core.evaluate;

import dev.loupe.core.stability.Experimental;
import java.util.List;
import java.util.Map;

/**
 * One image's result for one metric.
 *
 * @param value the headline number (an AUC, a hit as 1 or 0, a correlation); NaN when the metric
 *     does not apply to this image (no ground-truth mask, say), which {@code note} then explains
 * @param details further named numbers, e.g. the correlation after each randomised layer
 * @param curves the curves behind the value, possibly none
 * @param note why the value is NaN, or null
 */
@Experimental
public record MetricScore(double value, Map<String, Double> details, List<Curve> curves, String note) {

    public MetricScore {
        details = Map.copyOf(details);
        curves = List.copyOf(curves);
    }

    public static MetricScore of(double value) {
        return new MetricScore(value, Map.of(), List.of(), null);
    }

    public static MetricScore notApplicable(String why) {
        return new MetricScore(Double.NaN, Map.of(), List.of(), why);
    }

    public boolean applies() {
        return !Double.isNaN(value);
    }
}
