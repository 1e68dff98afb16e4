package dev.loupe.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigErrorTest {

    static final Path FILE = Path.of("conf/run.yaml");

    @Test
    void rendersFileLineColumnPathAndMessage() {
        assertEquals("conf/run.yaml:4:11: model.device: unknown value 'tpu'",
                new ConfigError(FILE, 4, 11, "model.device", "unknown value 'tpu'").render());
    }

    @Test
    void leavesOutAnEmptyPathAndAMissingPosition() {
        assertEquals("conf/run.yaml:1:1: config file is empty", new ConfigError(FILE, 1, 1, "", "config file is empty").render());
        assertEquals("conf/run.yaml: config file not found", new ConfigError(FILE, 0, 0, null, "config file not found").render());
    }

    @Test
    void exceptionSortsByPositionStablyAndRendersOneLineEach() {
        ConfigError late = new ConfigError(FILE, 9, 1, "b", "late");
        ConfigError first = new ConfigError(FILE, 2, 5, "a", "first");
        ConfigError sameAsFirst = new ConfigError(FILE, 2, 5, "a", "second at the same place");
        ConfigError early = new ConfigError(FILE, 2, 1, "c", "early");
        ConfigException e = new ConfigException(List.of(late, first, sameAsFirst, early));
        assertEquals(List.of(early, first, sameAsFirst, late), e.errors());
        assertEquals("""
                conf/run.yaml:2:1: c: early
                conf/run.yaml:2:5: a: first
                conf/run.yaml:2:5: a: second at the same place
                conf/run.yaml:9:1: b: late""", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ConfigException(List.of()));
    }
}
