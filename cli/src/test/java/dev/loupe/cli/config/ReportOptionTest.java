package dev.loupe.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code output.report}: off unless asked for, and a boolean only. */
class ReportOptionTest {

    private static RunConfig bind(String outputExtra) {
        return ConfigLoader.bind(Path.of("run.yaml"), ConfigLoaderTest.MINIMAL + outputExtra, RunConfig.class);
    }

    @Test
    void theReportIsOffByDefault() {
        assertThat(bind("").output().report()).isFalse();
        assertThat(new OutputConfig(Path.of("out"), 0.5, "jet").report()).isFalse();
    }

    @Test
    void reportTrueAsksForIt() {
        assertThat(bind("  report: true\n").output().report()).isTrue();
        assertThat(bind("  report: false\n").output().report()).isFalse();
    }

    @Test
    void anythingButABooleanIsAnErrorAtItsLine() {
        assertThatThrownBy(() -> bind("  report: index.html\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("run.yaml:8:").hasMessageContaining("output.report");
    }
}
