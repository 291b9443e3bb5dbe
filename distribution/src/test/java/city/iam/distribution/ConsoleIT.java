package city.iam.distribution;

import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The City IAM console in headless Chromium against the demo city realm: each demo user signs in through the
 * city login theme and sees only the pages of their roles; a review admin acknowledges a finding and the API
 * shows it; an auditor verifies the audit chain; a citizen sees no pages and gets 403 from the APIs. axe-core
 * checks the login page and every console page for serious or critical accessibility violations.
 */
@ExtendWith(KeycloakServerExtension.class)
class ConsoleIT {

    @Test
    void eachRoleSeesItsPagesAndActsThroughTheApis(TestServer server) {
        Http http = server.http();
        JsonNode run = http.postJson("/admin/realms/city/lifecycle/runs", server.masterToken(), Map.of("job", "hygiene")).json();
        awaitRun(http, server, run.get("id").asText());

        as(server, "rita.reviewer", "Reviewer-2026!", "findings", browser -> {
            assertEquals(List.of("Findings"), navigation(browser));
            WebElement form = wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-finding] form")));
            String id = form.findElement(By.xpath("ancestor::tr")).getAttribute("data-finding");
            form.findElement(By.name("reason")).sendKeys("Accepted in the console test");
            form.findElement(By.cssSelector("input[type=submit]")).click();
            wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Finding acknowledged"));
            JsonNode finding = http.get("/admin/realms/city/lifecycle/findings/" + id, server.masterToken()).json();
            assertEquals("ACKNOWLEDGED", finding.get("status").asText(), finding.toString());
            assertEquals("rita.reviewer", finding.get("acknowledged_by").asText());
        });
        as(server, "devi.devices", "Devices-2026!", "devices", browser -> {
            assertEquals(List.of("Devices"), navigation(browser));
            wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("count-active")));
            assertTrue(browser.findElement(By.id("count-active")).getText().contains("active"));
        });
        as(server, "ada.auditor", "Auditor-2026!", "audit", browser -> {
            assertEquals(List.of("Devices", "Findings", "Audit log"), navigation(browser));
            wait(browser).until(ExpectedConditions.elementToBeClickable(By.id("verify"))).click();
            wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "The audit chain is intact"));
            browser.get(browser.getCurrentUrl().replaceAll("#.*", "") + "#/findings");
            wait(browser).until(ExpectedConditions.textToBe(By.id("title"), "Findings"));
            assertTrue(browser.findElements(By.cssSelector("tr[data-finding] form")).isEmpty(), "auditors acknowledge nothing");
            accessible(browser, "console-findings-auditor");
        });
        as(server, "carl.citizen", "Citizen-2026!", null, browser -> {
            assertTrue(navigation(browser).isEmpty(), "no pages without a role");
            assertEquals("Nothing to show", browser.findElement(By.id("title")).getText());
        });
        String citizen = http.passwordToken("city", "carl.citizen", "Citizen-2026!");
        assertEquals(403, http.get("/admin/realms/city/lifecycle/findings", citizen).status());
        assertEquals(403, http.get("/admin/realms/city/device-identity/fleet-report", citizen).status());
        assertEquals(403, http.get("/admin/realms/city/city-iam/audit", citizen).status());
        assertEquals(404, http.get("/realms/city/city-iam/console/secret.properties", null).status(), "only the console's own files");
    }

    /** Signs in through the city theme as {@code username}, checks accessibility of login and landing page, runs the checks. */
    private static void as(TestServer server, String username, String password, String page, Consumer<ChromeDriver> checks) {
        ChromeDriver browser = HeadlessChromium.start();
        try {
            browser.get(server.baseUrl().replace("127.0.0.1", "localhost") + "/realms/city/city-iam/console/" + (page == null ? "" : "#/" + page));
            wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            if (username.startsWith("rita")) {
                accessible(browser, "login-username");
            }
            browser.findElement(By.id("username")).sendKeys(username);
            browser.findElement(By.id("kc-login")).click();
            wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("password"))).sendKeys(password);
            browser.findElement(By.id("kc-login")).click();
            wait(browser).until(d -> d.getCurrentUrl().contains("/city-iam/console/") && !d.getCurrentUrl().contains("code="));
            wait(browser).until(d -> !d.findElement(By.id("title")).getText().startsWith("Loading"));
            wait(browser).until(d -> d.findElement(By.id("page")).findElements(By.xpath("./*")).size() > 0
                    || d.findElement(By.id("title")).getText().equals("Nothing to show"));
            accessible(browser, "console-" + (page == null ? "no-role" : page));
            checks.accept(browser);
        } finally {
            HeadlessChromium.screenshot(browser, "console-" + username + "-" + (page == null ? "home" : page));
            browser.quit();
        }
    }

    private static List<String> navigation(ChromeDriver browser) {
        return browser.findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList();
    }

    private static WebDriverWait wait(ChromeDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    /** No serious or critical axe-core violation (WCAG 2.1 A and AA rules). */
    private static void accessible(ChromeDriver browser, String name) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(browser);
        List<Rule> bad = results.getViolations().stream().filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact())).toList();
        HeadlessChromium.screenshot(browser, name);
        assertFalse(results.isErrored(), name + ": axe-core did not run");
        assertTrue(bad.isEmpty(), name + ": " + bad.stream().map(v -> v.getId() + " " + v.getHelp() + " " + v.getNodes().size() + " nodes").toList());
    }

    private static void awaitRun(Http http, TestServer server, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            String status = http.get("/admin/realms/city/lifecycle/runs/" + id, server.masterToken()).json().get("status").asText();
            if (status.equals("DONE")) {
                return;
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("hygiene run " + id + " did not finish");
    }
}
