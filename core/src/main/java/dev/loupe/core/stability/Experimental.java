package dev.loupe.core.stability;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A public type that may still change in a minor version: usable, but expect adjustments.
 * Every public type of Loupe carries exactly one of {@link Stable}, {@link Experimental} and
 * {@link Internal}; an architecture test checks it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Stable
public @interface Experimental {
}
