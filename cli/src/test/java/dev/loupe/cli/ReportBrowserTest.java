package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The HTML report in a real browser: Debian's chromium, headless, opening the pages from
 * {@code file://} as a person would. Every picture must load, the grid must have a row per image
 * and a column per method, markup in labels and file names must show as text, and links must
 * lead to the image pages. Screenshots for people go to {@code cli/target/report-screenshots/}
 * ({@code quickstart-index.png} is the README's {@code docs/report.png}).
 *
 * <p>Without chromium and chromedriver this test FAILS (it does not skip), saying how to install
 * them: {@code ./mvnw -B verify} is meant to run every test.
 */
class ReportBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

    @TempDir
    static Path tmp;

    private static HeadlessChromium chromium;

    @BeforeAll
    static void startChromium() throws Exception {
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    static void stopChromium() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void quickstartReportShowsEveryImageAndMethod() throws Exception {
        Path out = tmp.resolve("quickstart");
        Path config = Fixtures.root().getParent().resolve("config-samples/quickstart.yaml");
        CliRun run = CliRun.of("explain", "--config", config.toString(), "--out", out.toString(), "--progress", "off");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);

        chromium.open(out.resolve("report/index.html"));
        assertThat(chromium.brokenImages()).as("pictures that did not load").isEmpty();
        assertThat(chromium.count("table.grid tbody tr")).as("a row per image").isEqualTo(6);
        assertThat(chromium.count("table.grid thead th")).as("image, classes, saliency, grad-cam").isEqualTo(4);
        assertThat(chromium.count("table.grid tbody img")).as("the input and two maps per row").isEqualTo(6 * 3);
        assertThat(columnTexts("table.grid thead th .method")).containsExactly("saliency", "grad-cam");
        assertThat(columnTexts("table.grid tbody .cell-image .file")).containsExactly("circle_1.png", "circle_2.png",
                "cross_1.png", "square_1.png", "triangle_1.png", "triangle_2.png");
        assertThat(chromium.text("table.grid tbody tr .cell-pred")).startsWith("circle").contains("99.9 %");
        assertThat(chromium.js("return getComputedStyle(document.querySelector('table.grid thead th')).position;"))
                .isEqualTo("sticky");
        assertThat(chromium.count("script")).isZero();
        chromium.screenshot(SCREENSHOTS.resolve("quickstart-index.png"), 1000, 900, false);
        chromium.screenshot(SCREENSHOTS.resolve("quickstart-index-full.png"), 1280, 1000, true);

        // a map links to its card on the image's page
        chromium.driver().findElement(By.cssSelector("table.grid tbody tr:first-child td:last-child a")).click();
        assertThat(chromium.driver().getCurrentUrl()).endsWith("/report/images/circle_1/index.html#m-grad-cam");
        assertThat(chromium.brokenImages()).isEmpty();
        assertThat(chromium.text("h1")).isEqualTo("circle_1.png");
        assertThat(columnTexts("#maps .card h3").stream().map(t -> t.split(" ")[0]))
                .as("the input, then the methods side by side").containsExactly("input", "saliency", "grad-cam");
        assertThat(chromium.count("#maps img")).as("input + one overlay per method").isEqualTo(3);
        assertThat(chromium.text("#m-grad-cam")).contains("target\t0 (circle)", "layer\tfeatures.13", "relu\ttrue");
        assertThat(columnTexts("section h2")).containsExactly("Maps", "Provenance");
        assertThat(chromium.text("#provenance")).contains("sha256", "djl", "load_seconds");
        chromium.screenshot(SCREENSHOTS.resolve("quickstart-image.png"), 1280, 1000, true);
    }

    @Test
    void labelsAndFileNamesShowAsTextAndAFailedImageShowsWhy() throws Exception {
        Path out = HostileReportRun.run(tmp.resolve("hostile"));
        String reason = new ObjectMapper().readTree(out.resolve("run.json").toFile())
                .path("failures").get(0).path("error").asText();

        chromium.open(out.resolve("report/index.html"));
        assertThat(chromium.brokenImages()).isEmpty();
        assertThat(chromium.count("script")).as("no script element came out of a label").isZero();
        assertThat(chromium.count("jerry")).as("no element came out of a file name").isZero();
        assertThat(chromium.count("table.grid tbody tr")).isEqualTo(3);
        assertThat(columnTexts("table.grid tbody .cell-image .file")).containsExactly(HostileReportRun.BROKEN,
                "square_1.png", HostileReportRun.FILE);
        assertThat(chromium.text("table.grid tbody tr.failed")).contains(HostileReportRun.BROKEN, "FAILED", reason);
        assertThat(chromium.text("#failures")).contains(reason);
        assertThat(chromium.text("table.grid tbody tr:last-child .cell-pred")).startsWith(HostileReportRun.LABEL);
        assertThat(chromium.text("table.grid tbody tr:last-child td:last-child figcaption"))
                .startsWith(HostileReportRun.LABEL);
        chromium.screenshot(SCREENSHOTS.resolve("hostile-index.png"), 1280, 1000, true);

        // the link of a file name with '&', '<' and spaces leads to its page
        chromium.driver().findElement(By.linkText(HostileReportRun.FILE)).click();
        assertThat(chromium.text("h1")).isEqualTo(HostileReportRun.FILE);
        assertThat(chromium.brokenImages()).isEmpty();
        assertThat(chromium.count("#maps img")).isEqualTo(3);
        assertThat(chromium.count("script")).isZero();
    }

    @Test
    void anEvaluationShowsItsTableAndCurvesInTheBrowser() throws Exception {
        Path out = tmp.resolve("evaluated");
        String model = Fixtures.path("quickstart/shapes_cnn.pt").toString();
        String images = Fixtures.path("quickstart/images/circle_1.png") + "," + Fixtures.path("quickstart/images/cross_1.png");
        assertThat(CliRun.of("explain", "--model", model, "--image", images, "--method", "saliency,grad-cam", "--report",
                "--out", out.toString(), "--progress", "off").exitCode()).isEqualTo(ExitCodes.OK);
        CliRun evaluate = CliRun.of("evaluate", "--model", model, "--image", images, "--method", "saliency,grad-cam",
                "--metric", "deletion,insertion", "--out", out.toString());
        assertThat(evaluate.exitCode()).as(evaluate.toString()).isEqualTo(ExitCodes.OK);

        chromium.open(out.resolve("report/index.html"));
        assertThat(chromium.brokenImages()).as("pictures, the curve plots among them").isEmpty();
        assertThat(chromium.count("#evaluation table tbody tr")).as("a row per method").isEqualTo(2);
        assertThat(columnTexts("#evaluation table thead th")).containsExactly("method", "deletion \u2193", "insertion \u2191");
        assertThat(chromium.count("#evaluation img")).as("the deletion and insertion curves").isEqualTo(2);
        assertThat(chromium.count("#evaluation b")).as("the best method per metric in bold").isEqualTo(2);
        chromium.screenshot(SCREENSHOTS.resolve("evaluation-index.png"), 1280, 1000, true);

        chromium.driver().findElement(By.linkText("circle_1.png")).click();
        assertThat(chromium.count("#evaluation table tbody tr")).as("this image's values, a row per method").isEqualTo(2);
    }

    @SuppressWarnings("unchecked")
    private static List<String> columnTexts(String selector) {
        return (List<String>) chromium.js("return Array.from(document.querySelectorAll(arguments[0]))"
                + ".map(e => e.innerText.trim());", selector);
    }
}
