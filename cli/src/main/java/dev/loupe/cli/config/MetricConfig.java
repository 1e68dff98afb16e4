package dev.loupe.cli.config;

import dev.loupe.core.stability.Internal;
import java.util.Map;

/**
 * One entry of {@code metrics:} in an evaluation config.
 *
 * @param name   the metric's name as its provider registers it ({@code deletion}, {@code road});
 *               checked against the metrics on the class path when the run starts
 * @param params free-form parameters, validated later against the metric's own parameter spec
 *               (values as for {@link MethodConfig#params()})
 */
@Internal
public record MetricConfig(String name, @Default("{}") Map<String, Object> params) {
}
