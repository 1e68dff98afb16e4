package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code loupe localisation} on the shapes held-out set: a table, a JSON file, clear errors. */
class LocalisationCommandTest {

    @TempDir
    Path tmp;

    @Test
    void scoresMethodsOnTheHeldOutShapes() throws IOException {
        CliRun run = CliRun.of("localisation", "--model", Fixtures.path("quickstart/shapes_cnn.pt").toString(),
                "--heldout", Fixtures.path("shapes-heldout").toString(), "--method", "grad-cam,saliency,occlusion",
                "--param", "window=16", "--param", "stride=16", "--out", tmp.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("40 images").contains("| `grad-cam` |").contains("| `occlusion` |");
        String json = Files.readString(tmp.resolve("localisation.json"));
        assertThat(json).contains("\"method\" : \"saliency\"").contains("\"pointing_game\"").contains("\"energy_inside\"");
    }

    @Test
    void aMethodTheModelCannotRunIsReportedAsSkipped() {
        // the quickstart model has a GAP + linear head only after features.13
        CliRun run = CliRun.of("localisation", "--model", Fixtures.path("quickstart/shapes_cnn.pt").toString(),
                "--heldout", Fixtures.path("shapes-heldout").toString(), "--method", "cam", "--param", "layer=features.11",
                "--out", tmp.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(run.out()).contains("skipped").contains("global average pooling");
    }

    @Test
    void aFolderWithoutLabelsIsAnInputError() {
        CliRun run = CliRun.of("localisation", "--model", Fixtures.path("quickstart/shapes_cnn.pt").toString(),
                "--heldout", tmp.toString(), "--out", tmp.resolve("out").toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("labels.csv");
        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
