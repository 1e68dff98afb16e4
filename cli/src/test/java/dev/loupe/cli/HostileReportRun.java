package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A report run with everything a report must survive: a class label that is markup
 * ({@value #LABEL}, the quickstart's class 0), an image whose file name has {@code &} and
 * {@code <} ({@value #FILE}), and an image that cannot be read ({@value #BROKEN}).
 */
final class HostileReportRun {

    static final String LABEL = "<script>alert(1)</script>";
    static final String FILE = "tom & <jerry>.png";
    static final String BROKEN = "broken.png";

    private HostileReportRun() {
    }

    /** Runs {@code loupe explain --report} on three images (two explained, one failed) into {@code dir/out}. */
    static Path run(Path dir) throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.copy(Fixtures.path("quickstart/images/circle_1.png"), images.resolve(FILE));
        Files.copy(Fixtures.path("quickstart/images/square_1.png"), images.resolve("square_1.png"));
        Files.writeString(images.resolve(BROKEN), "not a picture");
        Path labels = Files.writeString(dir.resolve("labels.txt"), LABEL + "\nsquare\ntriangle\ncross\n");
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("explain", "--model", Fixtures.path("quickstart/shapes_cnn.pt").toString(),
                "--image", images.toString(), "--labels", labels.toString(), "--method", "saliency,grad-cam",
                "--layer", "features.13", "--out", out.toString(), "--progress", "off", "--report");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(run.out()).as(run.toString()).contains("report in " + out.resolve("report/index.html"));
        return out;
    }
}
