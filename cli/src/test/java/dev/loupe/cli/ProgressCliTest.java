package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressCliTest {

    @TempDir
    Path tmp;

    private CliRun explain(String progress) {
        return CliRun.of("explain", "--model", Fixtures.path("quickstart/shapes_cnn.pt").toString(), "--image",
                Fixtures.path("quickstart/images").toString(), "--method", "saliency,score-cam", "--layer", "features.13",
                "--progress", progress, "--out", tmp.resolve(progress).toString());
    }

    @Test
    void aBarCountsEveryExplanationAndEndsItsLine() {
        CliRun run = explain("bar");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("\r[").contains("12/12 explanations (100%)").endsWith("\n");
    }

    @Test
    void offAndShortLoggedRunsPrintNoProgress() {
        for (String mode : new String[] {"off", "lines"}) {
            CliRun run = explain(mode);
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.err()).doesNotContain("explanations (");
        }
    }

    @Test
    void anUnknownModeIsAUsageError() {
        CliRun run = explain("fancy");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--progress");
    }
}
