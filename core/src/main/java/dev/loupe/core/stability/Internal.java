package dev.loupe.core.stability;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Public only so Loupe's own modules can share it: not for plugins or applications, and it may
 * change or go at any time.
 * Every public type of Loupe carries exactly one of {@link Stable}, {@link Experimental} and
 * {@link Internal}; an architecture test checks it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Stable
public @interface Internal {
}
