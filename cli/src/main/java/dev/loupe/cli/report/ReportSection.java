package dev.loupe.cli.report;

import dev.loupe.core.stability.Internal;
import java.io.IOException;
import java.util.Optional;

/**
 * One section of the report: a heading, a link in the page's navigation bar, and an HTML
 * fragment, on the index, on each image's page, or both.
 *
 * <p>To add one (for instance {@code loupe evaluate}'s metrics):
 * <ol>
 *   <li>implement this interface; read what you show from files in
 *       {@link ReportContext#outputDir()} (say {@code OUT/metrics.json}) and return
 *       {@link Optional#empty()} when they are absent, so reports of runs without them are
 *       unchanged;</li>
 *   <li>add an instance to {@link ReportSections#standard()}, where the order is the order on the
 *       page;</li>
 *   <li>after writing those files, call {@link HtmlReport#rebuild(java.nio.file.Path)} when
 *       {@link HtmlReport#find(java.nio.file.Path)} finds a report: the pages are made again from
 *       the folder's files, with your section in them.</li>
 * </ol>
 *
 * <p>A fragment is HTML that goes inside {@code <section id="ID"><h2>TITLE</h2> ... </section>}.
 * Every text that comes from data must go through {@link Html#text}, every link through
 * {@link ReportContext#href}; no scripts (the report has none) and no network (no CDN, no
 * fonts): a picture a section shows is copied into the report folder with
 * {@link ReportContext#include}. The classes of {@code Style} ({@code kv} tables, {@code card},
 * {@code cards}, {@code note}, {@code error}, {@code num}) keep a section in the report's look.
 */
@Internal
public interface ReportSection {

    /** The anchor of the section: lower case, digits and hyphens ({@code metrics}). */
    String id();

    /** The heading, also the navigation link's text. */
    String title();

    /** The section's fragment on {@code index.html}; empty leaves the section out of the index. */
    default Optional<String> index(ReportContext context) throws IOException {
        return Optional.empty();
    }

    /** The section's fragment on one image's page; empty leaves it out of that page. */
    default Optional<String> image(ReportContext context, ReportImage image) throws IOException {
        return Optional.empty();
    }
}
