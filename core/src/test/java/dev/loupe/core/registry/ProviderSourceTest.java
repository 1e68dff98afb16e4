package dev.loupe.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.tensor.FloatArray;
import org.junit.jupiter.api.Test;

class ProviderSourceTest {

    @Test
    void jdkClassesHaveNoKnownLocation() {
        assertEquals("(unknown location)", ProviderSource.of(String.class));
    }

    @Test
    void aClassFromADirectoryIsNamedByTheDirectoryAndAMainClassFolderByItsModule() {
        // the build puts these into target/test-classes and target/classes (or a jar of them)
        String tests = ProviderSource.of(ProviderSourceTest.class);
        String main = ProviderSource.of(FloatArray.class);
        assertFalse(tests.contains("/"), "only the last path element: " + tests);
        assertTrue(tests.equals("test-classes") || tests.endsWith(".jar"), tests);
        // "classes" alone would not say which module: a Maven class folder is named module/target/classes
        assertTrue(main.equals(java.nio.file.Path.of("core", "target", "classes").toString()) || main.endsWith(".jar"), main);
    }
}
