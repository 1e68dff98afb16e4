package dev.loupe.core.registry;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.spi.BackendProvider;
import dev.loupe.core.stability.Stable;
import dev.loupe.core.text.Suggestions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** The backends on the class path, and the choice of one for a model file. */
@Stable
public final class BackendRegistry {

    public static final String AUTO = "auto";

    private final TreeMap<String, BackendProvider> providers = new TreeMap<>();

    private final java.util.function.Predicate<Path> readable;

    private List<PluginProblem> problems = List.of();

    public BackendRegistry(Iterable<BackendProvider> found) {
        this(found, Files::isReadable);
    }

    /** {@code readable} replaces the file-permission check in tests: root can read any file. */
    BackendRegistry(Iterable<BackendProvider> found, java.util.function.Predicate<Path> readable) {
        this.readable = readable;
        for (BackendProvider provider : found) {
            BackendProvider previous = providers.putIfAbsent(provider.name(), provider);
            if (previous != null) {
                throw new LoupeException(ErrorKind.INTERNAL, "Two backends are named '" + provider.name() + "': "
                        + ExplainerRegistry.describe(previous) + " and " + ExplainerRegistry.describe(provider) + ".");
            }
        }
    }

    /** The backends visible to the thread's context class loader, else to Loupe's own. */
    public static BackendRegistry load() {
        ProviderLoading<BackendProvider> found = ProviderLoading.load(BackendProvider.class, ProviderLoading.defaultLoader(),
                BackendProvider::spiVersion);
        BackendRegistry registry = new BackendRegistry(found.loaded);
        registry.problems = List.copyOf(found.problems);
        return registry;
    }

    /** Backends that were found but refused (incompatible SPI version, broken jar), each with why. */
    public List<PluginProblem> problems() {
        return problems;
    }

    public List<BackendProvider> all() {
        return new ArrayList<>(providers.values());
    }

    /**
     * The backend named {@code name}, or for {@value #AUTO} the one that recognizes the model. The
     * model may be a file or a folder (a TensorFlow SavedModel is a folder).
     */
    public BackendProvider choose(String name, Path modelFile) {
        if (!Files.exists(modelFile)) {
            throw new LoupeException(ErrorKind.INPUT, "Model " + modelFile + " does not exist.");
        }
        boolean folder = Files.isDirectory(modelFile);
        if (!folder && !Files.isRegularFile(modelFile)) {
            throw new LoupeException(ErrorKind.INPUT, "Model " + modelFile + " is neither a file nor a folder.");
        }
        if (!readable.test(modelFile)) {
            throw new LoupeException(ErrorKind.INPUT, "Model " + (folder ? "folder " : "file ") + modelFile
                    + " is not readable; check its permissions.");
        }
        if (name != null && !AUTO.equals(name)) {
            BackendProvider provider = providers.get(name);
            if (provider == null) {
                throw new LoupeException(ErrorKind.USAGE, "Unknown backend '" + name + "'."
                        + Suggestions.didYouMean(name, providers.keySet())
                        + " Available backends: " + String.join(", ", providers.keySet()) + ".");
            }
            return provider;
        }
        for (BackendProvider provider : providers.values()) {
            if (provider.recognizes(modelFile)) {
                return provider;
            }
        }
        StringBuilder accepted = new StringBuilder();
        for (BackendProvider provider : providers.values()) {
            accepted.append("\n  - ").append(provider.name()).append(": ").append(provider.accepts());
        }
        throw new LoupeException(ErrorKind.INPUT, "No backend recognizes " + modelFile + " as a model. Backends"
                + " on the class path and what they read:" + accepted);
    }
}
