package dev.loupe.core.evaluate;

import dev.loupe.core.stability.Experimental;

/** Which way a metric's value improves, so tables can say which method did best. */
@Experimental
public enum MetricDirection {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER
}
