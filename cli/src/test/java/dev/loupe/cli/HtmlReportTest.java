package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.cli.report.HtmlReport;
import dev.loupe.cli.report.ReportContext;
import dev.loupe.cli.report.ReportImage;
import dev.loupe.cli.report.ReportSection;
import dev.loupe.cli.report.ReportSections;
import dev.loupe.core.testing.Fixtures;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report's files, read as text (the browser test opens them in Chromium). */
class HtmlReportTest {

    private static final Pattern LINK = Pattern.compile("(?:src|href)=\"([^\"]*)\"");

    @TempDir
    Path tmp;

    @Test
    void quickstartConfigWritesAReportThatNeedsNothingOutsideItsFolder() throws Exception {
        Path out = tmp.resolve("out");
        Path config = Fixtures.root().getParent().resolve("config-samples/quickstart.yaml");
        CliRun run = CliRun.of("explain", "--config", config.toString(), "--out", out.toString(), "--progress", "off");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);

        Path report = out.resolve("report");
        String index = Files.readString(report.resolve("index.html"));
        assertThat(count(grid(index), "<tr")).as("header row + one row per image").isEqualTo(1 + 6);
        assertThat(index).contains("<span class=\"method\">saliency</span>", "<span class=\"method\">grad-cam</span>",
                "<span class=\"sub\">features.13</span>", "shapes_cnn.pt", "Top 4 classes");
        assertThat(index).doesNotContain("<script", "http://", "https://");
        for (String stem : List.of("circle_1", "circle_2", "cross_1", "square_1", "triangle_1", "triangle_2")) {
            Path page = report.resolve("images").resolve(stem).resolve("index.html");
            String html = Files.readString(page);
            assertThat(html).contains("<h1>" + stem + ".png</h1>", "id=\"m-saliency\"", "id=\"m-grad-cam\"",
                    "<code>features.13</code>", "Provenance",
                    new ObjectMapper().readTree(out.resolve("run.json").toFile()).path("model").path("sha256").asText());
        }
        assertEveryLinkStaysInside(report);
        // the top classes match loupe predict's (README: circle_1 is circle at 0.998599)
        JsonNode predictions = new ObjectMapper().readTree(report.resolve("predictions.json").toFile());
        JsonNode first = predictions.path("images").get(0);
        assertThat(first.path("file").asText()).endsWith("circle_1.png");
        assertThat(first.path("predictions").get(0).path("label").asText()).isEqualTo("circle");
        assertThat(first.path("predictions").get(0).path("probability").asDouble()).isCloseTo(0.998599, within(1e-6));
        assertThat(first.path("predictions")).hasSize(4);
    }

    @Test
    void markupInLabelsAndFileNamesIsTextAndAFailedImageKeepsItsRow() throws Exception {
        Path out = HostileReportRun.run(tmp);
        Path report = out.resolve("report");
        String index = Files.readString(report.resolve("index.html"));
        assertThat(index).doesNotContain("<script", "<jerry>");
        assertThat(index).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "tom &amp; &lt;jerry&gt;.png",
                "href=\"images/tom%20%26%20%3Cjerry%3E/index.html\"");
        assertThat(count(grid(index), "<tr")).as("header + 3 images").isEqualTo(1 + 3);
        assertThat(count(grid(index), "<img")).as("broken.png has no picture").isEqualTo(2 * 3);
        assertThat(index).contains("<tr class=\"failed\">", HostileReportRun.BROKEN, "<span class=\"badge bad\">failed</span>");
        String failedPage = Files.readString(report.resolve("images/broken/index.html"));
        assertThat(failedPage).contains("class=\"error\"", "no map: the image failed");
        String page = Files.readString(report.resolve("images/tom & <jerry>/index.html"));
        assertThat(page).doesNotContain("<script", "<jerry>").contains("<h1>tom &amp; &lt;jerry&gt;.png</h1>");
        assertEveryLinkStaysInside(report);
    }

    @Test
    void rebuildAddsASectionAndKeepsWhatOnlyTheRunKnew() throws Exception {
        Path out = HostileReportRun.run(tmp);
        assertThat(HtmlReport.find(out)).contains(out.resolve("report/index.html"));
        assertThat(HtmlReport.find(tmp)).isEmpty();
        ReportSection extra = new ReportSection() {
            @Override
            public String id() {
                return "metrics";
            }

            @Override
            public String title() {
                return "Metrics <test>";
            }

            @Override
            public Optional<String> index(ReportContext context) {
                return Optional.of("<p id=\"extra\">" + context.run().images().size() + " rows</p>");
            }

            @Override
            public Optional<String> image(ReportContext context, ReportImage image) {
                return Optional.of("<p id=\"extra\">" + image.name().length() + "</p>");
            }
        };
        List<ReportSection> sections = new ArrayList<>(ReportSections.standard());
        sections.add(sections.size() - 1, extra);
        HtmlReport.rebuild(out, sections);

        String index = Files.readString(out.resolve("report/index.html"));
        assertThat(index).contains("<section id=\"metrics\">\n<h2>Metrics &lt;test&gt;</h2>", "<p id=\"extra\">3 rows</p>",
                "href=\"#metrics\"");
        assertThat(index.indexOf("id=\"metrics\"")).isBetween(index.indexOf("id=\"images\""), index.indexOf("id=\"provenance\""));
        // the predictions and input pictures came from the explain run: a rebuild still has them
        assertThat(index).contains("Top 4 classes", "images/square_1/input.png");
        assertThat(Files.readString(out.resolve("report/images/square_1/index.html"))).contains("<p id=\"extra\">12</p>");
        assertEveryLinkStaysInside(out.resolve("report"));
    }

    @Test
    void aLayerListShowsItsCombinationAndEachLayerAndAGroupItsGrid() throws Exception {
        Path samples = Fixtures.root().getParent().resolve("config-samples");
        Path list = tmp.resolve("list");
        CliRun run = CliRun.of("explain", "--config", samples.resolve("grad-cam-layers.yaml").toString(), "--out",
                list.toString(), "--progress", "off", "--report");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        String index = Files.readString(list.resolve("report/index.html"));
        assertThat(index).contains("<span class=\"sub\">features.13, features.11</span>",
                "src=\"images/circle_1/maps/grad-cam%40combined.png\"");
        String page = Files.readString(list.resolve("report/images/circle_1/index.html"));
        assertThat(page).contains("<figcaption>combined</figcaption>", "<figcaption>features.13</figcaption>",
                "<figcaption>features.11</figcaption>", "<th>layers</th><td><code>features.13, features.11</code>",
                "circle_1/grad-cam@&lt;layer&gt;.npy");
        assertEveryLinkStaysInside(list.resolve("report"));

        Path group = tmp.resolve("group");
        run = CliRun.of("explain", "--config", samples.resolve("layer-grid.yaml").toString(), "--out", group.toString(),
                "--progress", "off", "--report");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(group.resolve("report/index.html")))
                .contains("<span class=\"sub\">all-conv</span>", "src=\"images/circle_1/maps/grad-cam%40grid.png\"");
        assertThat(Files.readString(group.resolve("report/images/circle_1/index.html")))
                .contains("<figcaption>layer grid</figcaption>", "<th>layers</th>");
        assertEveryLinkStaysInside(group.resolve("report"));
    }

    @Test
    void anEvaluationIntoTheSameFolderAddsItsSection() throws Exception {
        Path out = tmp.resolve("out");
        String model = Fixtures.path("quickstart/shapes_cnn.pt").toString();
        String images = Fixtures.path("quickstart/images/circle_1.png") + "," + Fixtures.path("quickstart/images/cross_1.png");
        CliRun explain = CliRun.of("explain", "--model", model, "--image", images, "--method", "saliency,grad-cam",
                "--layer", "features.13", "--report", "--out", out.toString(), "--progress", "off");
        assertThat(explain.exitCode()).as(explain.toString()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(out.resolve("report/index.html"))).doesNotContain("id=\"evaluation\"");

        CliRun evaluate = CliRun.of("evaluate", "--model", model, "--image", images, "--method", "saliency,grad-cam",
                "--param", "grad-cam.layer=features.13", "--metric", "deletion,insertion", "--out", out.toString());
        assertThat(evaluate.exitCode()).as(evaluate.toString()).isEqualTo(ExitCodes.OK);

        Path report = out.resolve("report");
        String index = Files.readString(report.resolve("index.html"));
        assertThat(index).contains("id=\"evaluation\"", "<th>deletion &darr;</th>", "<th>insertion &uarr;</th>",
                "<tr><th>saliency</th>", "<tr><th>grad-cam</th>", "<b>", "src=\"evaluation/");
        String page = Files.readString(report.resolve("images/circle_1/index.html"));
        assertThat(page).contains("id=\"evaluation\"", "<tr><th>grad-cam</th>");
        // the explain run's own sections survive the rebuild
        assertThat(count(grid(index), "<tr")).isEqualTo(1 + 2);
        assertEveryLinkStaysInside(report);
    }

    /** Self-contained: every src and href of every page names a file inside the report folder that exists. */
    private static void assertEveryLinkStaysInside(Path report) throws Exception {
        List<Path> pages;
        try (Stream<Path> files = Files.walk(report)) {
            pages = files.filter(p -> p.toString().endsWith(".html")).toList();
        }
        assertThat(pages).isNotEmpty();
        for (Path page : pages) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String link = m.group(1).replace("&amp;", "&");
                if (link.startsWith("#")) {
                    continue;
                }
                String path = link.contains("#") ? link.substring(0, link.indexOf('#')) : link;
                Path target = page.getParent().resolve(URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8))
                        .normalize();
                assertThat(target).as(page + " links " + link).startsWith(report).exists();
            }
        }
    }

    /** The index's grid table (it holds no other table). */
    private static String grid(String index) {
        int start = index.indexOf("<table class=\"grid\">");
        assertThat(start).isNotNegative();
        return index.substring(start, index.indexOf("</table>", start));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }
}
