package dev.loupe.cli.config;

import dev.loupe.core.stability.Internal;

/**
 * A config record with rules that types and annotations cannot say (cross-field rules, "each
 * item &gt; 0"). The binder calls {@link #validate} right after constructing the record, when
 * all its fields bound cleanly; problems are collected with every other error of the file.
 */
@Internal
public interface Validatable {

    void validate(Validation validation);

    /** Where a record reports its problems. */
    interface Validation {

        /**
         * Reports a problem at a field of this record, named by its YAML path relative to the
         * record: {@code "target"}, {@code "std[1]"}, {@code "model.labels"}, or {@code ""} for the
         * record itself. The error is located at that node in the file (or the nearest enclosing
         * node that was written there, when the value came from a default).
         */
        void error(String relativePath, String message);
    }
}
