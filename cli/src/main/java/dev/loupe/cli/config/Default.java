package dev.loupe.cli.config;

import dev.loupe.core.stability.Internal;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a record component optional, with a default written as YAML text: {@code @Default("cpu")},
 * {@code @Default("0.5")}, {@code @Default("[0.485, 0.456, 0.406]")}, {@code @Default("{}")} (a
 * nested record with all its own defaults). The text is bound exactly like a value from the config
 * file, so a default can never have a type the file could not have. It is used when the key is
 * absent or has no value ({@code key:} or {@code key: ~}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
@Internal
public @interface Default {

    /** The default, as YAML. */
    String value();
}
