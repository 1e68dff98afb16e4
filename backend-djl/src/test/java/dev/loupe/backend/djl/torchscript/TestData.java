package dev.loupe.backend.djl.torchscript;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the tests' models and reference values are: the committed fixtures (system property
 * {@code loupe.fixtures}, else the nearest {@code fixtures/} folder above the working directory)
 * and this package's test resources (models fixtures/ lacks, see make_test_models.py there).
 */
final class TestData {

    private TestData() {
    }

    static Path fixtures() {
        String property = System.getProperty("loupe.fixtures");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("fixtures"))) {
                return dir.resolve("fixtures");
            }
        }
        throw new IllegalStateException("no fixtures/ folder above " + Path.of("").toAbsolutePath()
                + "; set -Dloupe.fixtures=<repo>/fixtures");
    }

    /** A file under fixtures/, e.g. {@code models/resnet18_traced.pt}. */
    static Path fixture(String relative) {
        Path file = fixtures().resolve(relative);
        if (!Files.exists(file)) {
            fail("fixture " + file + " is missing; generate it with /usr/bin/python3 fixtures/make_fixtures.py");
        }
        return file;
    }

    static Reference fixtureReference(String id) {
        return new Reference(fixture("reference/" + id));
    }

    /** A model from this package's test resources, e.g. {@code functional_relu_traced}. */
    static Path testModel(String id) {
        return resource(id + ".pt");
    }

    static Reference testReference(String id) {
        return new Reference(resource(id));
    }

    private static Path resource(String name) {
        URL url = TestData.class.getResource(name);
        if (url == null) {
            fail("test resource " + name + " is missing next to " + TestData.class.getName()
                    + "; regenerate with make_test_models.py in src/test/resources");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
