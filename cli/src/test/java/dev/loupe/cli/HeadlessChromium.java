package dev.loupe.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium}, headless, driven through its {@code chromedriver} by Selenium. The
 * driver and browser paths are given explicitly, so Selenium Manager never looks for (or
 * downloads) either: this works offline. Other paths: environment variables
 * {@code LOUPE_CHROMIUM} and {@code LOUPE_CHROMEDRIVER}.
 */
final class HeadlessChromium implements AutoCloseable {

    static final String INSTALL = "The HTML report's browser test needs Chromium and its WebDriver. On Debian or Ubuntu:"
            + " 'sudo apt-get install -y chromium chromium-driver' (.ci/run does it when they are missing);"
            + " elsewhere set LOUPE_CHROMIUM and LOUPE_CHROMEDRIVER to the browser and chromedriver executables.";

    /** The flags this machine needs: without the background-networking ones chromium floods refused connections. */
    private static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage", "--disable-extensions", "--hide-scrollbars",
            "--force-device-scale-factor=1", "--lang=en-US");

    /** Selenium warns that it has no DevTools bindings for this chromium's version; none are used here. */
    private static final java.util.logging.Logger CDP_LOG = java.util.logging.Logger.getLogger(
            "org.openqa.selenium.devtools.CdpVersionFinder");

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts the browser with a fresh profile; fails with {@link #INSTALL} when chromium or chromedriver is missing. */
    static HeadlessChromium start() throws IOException {
        Path browser = executable("LOUPE_CHROMIUM", "chromium", "chromium-browser");
        Path chromedriver = executable("LOUPE_CHROMEDRIVER", "chromedriver");
        if (browser == null || chromedriver == null) {
            throw new AssertionError((browser == null ? "chromium" : "chromedriver") + " not found. " + INSTALL);
        }
        CDP_LOG.setLevel(java.util.logging.Level.SEVERE);
        Path profile = Files.createTempDirectory("loupe-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile, "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new HeadlessChromium(driver, profile);
    }

    private static Path executable(String variable, String... names) {
        String given = System.getenv(variable);
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            return Files.isExecutable(p) ? p : null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : names) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Opens a page from {@code file://}; returns when its load event (images included) has fired. */
    void open(Path page) {
        driver.get(page.toAbsolutePath().toUri().toString());
    }

    ChromeDriver driver() {
        return driver;
    }

    /** The result of a JavaScript expression ({@code return ...}), as Selenium converts it. */
    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The {@code src} of every {@code <img>} that did not load (not complete, or no pixels); empty when all did. */
    @SuppressWarnings("unchecked")
    List<String> brokenImages() {
        return (List<String>) js("return Array.from(document.images)"
                + ".filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src'));");
    }

    long count(String cssSelector) {
        return (Long) js("return document.querySelectorAll(arguments[0]).length;", cssSelector);
    }

    String text(String cssSelector) {
        return (String) js("const e = document.querySelector(arguments[0]); return e ? e.innerText : null;", cssSelector);
    }

    /** A PNG of the page: {@code width} wide, and as tall as the page when {@code fullPage}, else {@code height}. */
    Path screenshot(Path file, int width, int height, boolean fullPage) throws IOException {
        driver.manage().window().setSize(new Dimension(width, height));
        // the window's size includes a frame even when headless: size it so the page gets the height asked for
        long frame = (Long) js("return window.outerHeight - window.innerHeight;");
        long page = fullPage ? (Long) js("return document.documentElement.scrollHeight;") : height;
        driver.manage().window().setSize(new Dimension(width, (int) (page + frame)));
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(new Dimension(1280, 1000));
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
