package dev.loupe.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the committed fixtures (made by fixtures/make_fixtures.py) from any module's tests. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path root() {
        String configured = System.getProperty("loupe.fixtures");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("fixtures");
            if (Files.isDirectory(candidate.resolve("models"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("fixtures/ not found; run the tests from the repository");
    }

    public static Path path(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException("missing fixture " + path + "; regenerate with /usr/bin/python3 fixtures/make_fixtures.py");
        }
        return path;
    }
}
