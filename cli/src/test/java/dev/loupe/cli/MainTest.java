package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void methodsListsBuiltinsWithVersionJarAndParameters() {
        CliRun run = CliRun.of("methods");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("saliency ").contains("grad-cam ")
                .contains("--param layer=auto").contains("--param relu=true");
        // the jar in a packaged build; the module's class folder when Maven runs only some modules
        assertThat(run.out()).containsAnyOf("loupe-methods", "methods/target/classes");
    }

    @Test
    void versionAndHelp() {
        assertThat(CliRun.of("--version").out()).startsWith("loupe ");
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("explain").contains("layers").contains("methods").contains("Exit codes");
    }

    @Test
    void noCommandOrUnknownOptionIsUsageError() {
        assertThat(CliRun.of().exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun bad = CliRun.of("explain", "--no-such-flag");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--no-such-flag");
    }
}
