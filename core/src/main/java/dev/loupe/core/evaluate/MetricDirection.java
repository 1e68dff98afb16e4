package dev.loupe.core.evaluate;

/** Which way a metric's value improves, so tables can say which method did best. */
public enum MetricDirection {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER
}
