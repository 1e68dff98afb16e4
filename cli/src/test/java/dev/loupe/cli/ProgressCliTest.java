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
    void offPrintsNoProgressAndLinesNeverRedraw() {
        CliRun off = explain("off");
        assertThat(off.exitCode()).as(off.toString()).isZero();
        assertThat(off.err()).doesNotContain("explanations (");
        // a plain line only every 10 s, so how many appear depends on the machine's speed; but never a bar
        CliRun lines = explain("lines");
        assertThat(lines.exitCode()).as(lines.toString()).isZero();
        assertThat(lines.err()).doesNotContain("\r");
    }

    @Test
    void anUnknownModeIsAUsageError() {
        CliRun run = explain("fancy");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--progress");
    }
}
