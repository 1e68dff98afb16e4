package dev.loupe.cli.config;

import dev.loupe.core.stability.Internal;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Inclusive bounds on the number of items of a list: {@code @Length(min = 1)} for "not empty",
 * {@code @Length(min = 3, max = 3)} for "exactly 3". (A JSON Schema generator maps it to
 * {@code minItems} / {@code maxItems}.)
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
@Internal
public @interface Length {

    int min() default 0;

    int max() default Integer.MAX_VALUE;
}
