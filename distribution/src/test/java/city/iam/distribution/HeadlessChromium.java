package city.iam.distribution;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's Chromium and ChromeDriver, headless. Paths are explicit so Selenium never tries to download a
 * browser or a driver; the flags keep Chromium off the network on a machine that has none.
 */
final class HeadlessChromium {

    private HeadlessChromium() {
    }

    static ChromeDriver start() {
        String driver = System.getProperty("cityiam.chromedriver", "/usr/bin/chromedriver");
        String browser = System.getProperty("cityiam.chromium", "/usr/bin/chromium");
        if (!new File(driver).canExecute() || !new File(browser).canExecute()) {
            throw new IllegalStateException("Chromium and ChromeDriver are needed for browser tests: "
                    + "apt-get install chromium chromium-driver (.ci/run does this)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver)).build();
        return new ChromeDriver(service, options);
    }

    static Path screenshot(ChromeDriver browser, String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No serious or critical axe-core violation (WCAG 2.1 A and AA rules); saves a screenshot named {@code name}. */
    static void assertAccessible(ChromeDriver browser, String name) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(browser);
        List<Rule> bad = results.getViolations().stream().filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact())).toList();
        screenshot(browser, name);
        assertFalse(results.isErrored(), name + ": axe-core did not run");
        assertTrue(bad.isEmpty(), name + ": " + bad.stream().map(v -> v.getId() + " " + v.getHelp() + " " + v.getNodes().stream().map(n -> n.getHtml()).toList()).toList());
    }
}
