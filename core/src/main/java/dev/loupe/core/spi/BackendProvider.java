package dev.loupe.core.spi;

import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelSpec;
import java.nio.file.Path;

/**
 * A model backend, found through {@link java.util.ServiceLoader}. Providers must be cheap to
 * construct: a native library is loaded only by {@link #open}, so that only the backend in use
 * loads its native code.
 */
public interface BackendProvider {

    String name();

    /** Whether the file looks like a model this backend reads (by its content, not loading it). */
    boolean recognizes(Path modelFile);

    /** One line saying which model files this backend reads, for error messages. */
    String accepts();

    ExplainableModel open(ModelSpec spec);
}
