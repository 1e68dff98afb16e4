package dev.loupe.core.spi;

import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.stability.Stable;
import java.nio.file.Path;
import java.util.Set;

/**
 * A model backend, found through {@link java.util.ServiceLoader}. Providers must be cheap to
 * construct: a native library is loaded only by {@link #open}, so that only the backend in use
 * loads its native code.
 */
@Stable
public interface BackendProvider {

    String name();

    /**
     * The plugin SPI version this provider was built against: return {@link SpiVersion#CURRENT},
     * a constant the compiler copies into the provider, so it stays what it was at build time.
     * An incompatible provider is refused with a message naming it and its jar; the others load.
     */
    String spiVersion();

    /**
     * Whether the path looks like a model this backend reads (by its content, not loading it).
     * It may be a file or a folder (a TensorFlow SavedModel is a folder).
     */
    boolean recognizes(Path modelFile);

    /** One line saying which model files this backend reads, for error messages. */
    String accepts();

    /**
     * The keys this backend reads from {@link ModelSpec#options()}; callers refuse any other key
     * before opening, so that a misspelt option is never silently ignored.
     */
    default Set<String> optionNames() {
        return Set.of();
    }

    ExplainableModel open(ModelSpec spec);
}
