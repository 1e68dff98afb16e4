package dev.loupe.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportLayoutTest {

    @TempDir
    Path out;

    @Test
    void theReportFolderIsReportByDefault() {
        assertThat(ReportLayout.choose(out, Set.of("circle_1", "square_1")).dir()).isEqualTo(out.resolve("report"));
    }

    @Test
    void anImageCalledReportKeepsItsFolder() {
        // report.png's maps are in OUT/report/: the report must not write there, nor clear it
        assertThat(ReportLayout.choose(out, Set.of("Report", "report-2")).dir()).isEqualTo(out.resolve("report-3"));
    }

    @Test
    void aFolderLoupeDidNotWriteIsLeftAlone() throws Exception {
        Files.createDirectories(out.resolve("report"));
        Files.writeString(out.resolve("report/notes.txt"), "mine");
        assertThat(ReportLayout.choose(out, Set.of()).dir()).isEqualTo(out.resolve("report-2"));
        Files.writeString(out.resolve("report/index.html"), "<html>my own page</html>");
        assertThat(ReportLayout.choose(out, Set.of()).dir()).isEqualTo(out.resolve("report-2"));
    }

    @Test
    void anEarlierReportIsRewrittenInPlace() throws Exception {
        Files.createDirectories(out.resolve("report"));
        Files.writeString(out.resolve("report/index.html"), "<head>" + ReportLayout.GENERATOR + "</head>");
        assertThat(ReportLayout.choose(out, Set.of()).dir()).isEqualTo(out.resolve("report"));
        assertThat(ReportLayout.existing(out, Set.of())).isPresent();
        assertThat(ReportLayout.existing(out.resolve("nothing-here"), Set.of())).isEmpty();
    }
}
