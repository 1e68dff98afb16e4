package dev.loupe.cli.config;

import dev.loupe.core.stability.Internal;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bounds for a number, or for every number of a list of numbers; inclusive unless marked
 * exclusive: {@code @Range(min = 0, max = 1)} is [0, 1], {@code @Range(min = 0, minExclusive = true)}
 * is "&gt; 0". Checked while binding; a value outside is reported at its own position. (A JSON
 * Schema generator maps it to {@code minimum} / {@code maximum} / {@code exclusiveMinimum} /
 * {@code exclusiveMaximum}.)
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
@Internal
public @interface Range {

    double min() default Double.NEGATIVE_INFINITY;

    double max() default Double.POSITIVE_INFINITY;

    boolean minExclusive() default false;

    boolean maxExclusive() default false;
}
