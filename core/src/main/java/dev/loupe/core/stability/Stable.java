package dev.loupe.core.stability;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A type plugins and applications may rely on: it changes incompatibly only with the SPI's major version
 * ({@link dev.loupe.core.spi.SpiVersion}).
 * Every public type of Loupe carries exactly one of {@link Stable}, {@link Experimental} and
 * {@link Internal}; an architecture test checks it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Stable
public @interface Stable {
}
