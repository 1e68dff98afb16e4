package dev.loupe.cli.config;

import dev.loupe.core.stability.Internal;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a record component optional without a default: when the key is absent or has no value
 * the component is {@code null}. Not allowed on primitive components.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
@Internal
public @interface Nullable {
}
