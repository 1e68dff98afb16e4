package dev.loupe.core.registry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.registry.BackendRegistryTest.FakeBackend;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelOptionsTest {

    private static final FakeBackend NONE = new FakeBackend("djl", "PK", "zip files");

    private static final FakeBackend SOME = new FakeBackend("tensorflow", "", "SavedModel folders") {
        @Override
        public Set<String> optionNames() {
            return Set.of("tags", "signature");
        }
    };

    @Test
    void noOptionsFitEveryBackend() {
        assertDoesNotThrow(() -> ModelOptions.check(NONE, Map.of()));
        assertDoesNotThrow(() -> ModelOptions.check(SOME, Map.of("signature", "serving_default", "tags", "serve")));
    }

    @Test
    void theDefaultIsNoOptions() {
        LoupeException e = assertThrows(LoupeException.class, () -> ModelOptions.check(NONE, Map.of("threads", "4")));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertEquals("Backend 'djl' has no model option 'threads'. It takes no model options.", e.getMessage());
    }

    @Test
    void anUnknownKeyNamesTheBackendItsOptionsAndAGuess() {
        LoupeException e = assertThrows(LoupeException.class, () -> ModelOptions.check(SOME, Map.of("signatur", "x")));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertEquals("Backend 'tensorflow' has no model option 'signatur'. Did you mean 'signature'?"
                + " Its model options: signature, tags.", e.getMessage());
    }
}
