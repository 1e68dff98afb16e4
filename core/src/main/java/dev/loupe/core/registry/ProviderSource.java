package dev.loupe.core.registry;

import dev.loupe.core.stability.Stable;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;

/** Where a provider class was loaded from, for messages and {@code loupe methods}. */
@Stable
public final class ProviderSource {

    private ProviderSource() {
    }

    public static String of(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "(unknown location)";
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            if (path.getFileName() == null) {
                return path.toString();
            }
            // a class folder says little by its name ("classes"): name the module it belongs to
            if (path.getNameCount() >= 3 && path.endsWith(Path.of("target", "classes"))) {
                return path.subpath(path.getNameCount() - 3, path.getNameCount()).toString();
            }
            return path.getFileName().toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return source.getLocation().toString();
        }
    }
}
