package city.iam.distribution;

import city.iam.device.TestPki;
import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The City IAM console in headless Chromium against the demo city realm: each demo user signs in through the
 * city login theme and sees only the pages of their roles; a reviewer sees only their items and revokes one with a
 * comment, the campaign's progress bar and decisions-over-time chart move, closing the campaign removes the grant and
 * launching from the console opens a new campaign (an auditor gets neither button, and 403 from the APIs); a review admin acknowledges a
 * finding and a device admin quarantines a device, and the API shows each; an auditor verifies the audit chain; a citizen sees no pages and gets 403 from the APIs. axe-core
 * checks the login page and every console page for serious or critical accessibility violations.
 */
@ExtendWith(KeycloakServerExtension.class)
class ConsoleIT {

    @Test
    void eachRoleSeesItsPagesAndActsThroughTheApis(TestServer server) {
        Http http = server.http();
        JsonNode run = http.postJson("/admin/realms/city/lifecycle/runs", server.masterToken(), Map.of("job", "hygiene")).json();
        awaitRun(http, server, run.get("id").asText());

        String reviewAdmin = http.passwordToken("city", "rita.reviewer", "Reviewer-2026!");
        String carl = userId(http, server, "carl.citizen");
        String ulla = userId(http, server, "ulla.utility");
        launchReview(http, server, reviewAdmin, carl, ulla);

        as(server, "rita.reviewer", "Reviewer-2026!", "campaigns", browser -> {
            assertEquals(List.of("My reviews", "Campaigns", "Findings"), navigation(browser));
            assertEquals("0", wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("progress"))).getAttribute("value"));
            assertEquals("0", browser.findElement(By.id("over-time")).getAttribute("data-decided"), "no decisions yet on the chart");
            open(browser, "reviews", "My reviews");
            List<WebElement> rows = wait(browser).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-item]"), 2));
            assertEquals(List.of("carl.citizen", "ulla.utility"), rows.stream().map(r -> r.findElement(By.tagName("td")).getText()).sorted().toList(),
                    "only the items assigned to rita");
            decide(browser, "ulla.utility", "ACCEPT", "Reads meters under the utility agreement");
            // Carl's item goes through the bulk form: select, comment, revoke selected.
            browser.findElement(By.xpath("//tr[@data-item][td[1][text()='carl.citizen']]//input[@name='pick']")).click();
            browser.findElement(By.name("bulk-comment")).sendKeys("Citizens do not read meters");
            browser.findElement(By.xpath("//button[text()='Revoke selected']")).click();
            wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "REVOKE recorded for 1 items"));
            wait(browser).until(d -> d.findElement(By.xpath("//tr[@data-item][td[1][text()='carl.citizen']]/td[contains(@class,'decision')]"))
                    .getText().startsWith("REVOKE"));
            accessible(browser, "console-my-reviews");
            open(browser, "campaigns", "Campaigns");
            wait(browser).until(ExpectedConditions.attributeToBe(By.id("progress"), "value", "2"));
            assertEquals("2", browser.findElement(By.id("over-time")).getAttribute("data-decided"), "the progress chart moved with the decisions");
            assertEquals("Overdue items (0)", browser.findElement(By.id("overdue")).getText(), "nothing is past the escalation point yet");
            assertTrue(browser.findElement(By.cssSelector("#over-time title")).getAttribute("textContent").contains("2 of 2 decided"));
            HeadlessChromium.screenshot(browser, "console-campaign-progress");
            browser.findElement(By.xpath("//button[text()='Close campaign']")).click();
            wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Campaign closed"));

            // Launch now from the console: a second campaign of the same definition, reviewing what is left (ulla's grant).
            new org.openqa.selenium.support.ui.Select(wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("launch-definition"))))
                    .selectByValue("console-review");
            browser.findElement(By.cssSelector("#launch input[type=submit]")).click();
            wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Campaign launched"));
            wait(browser).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-campaign]"), 2));
            assertEquals("0", wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("over-time"))).getAttribute("data-decided"),
                    "the newest campaign is shown, nothing decided yet");
            HeadlessChromium.screenshot(browser, "console-campaign-launched");

            open(browser, "findings", "Findings");
            WebElement form = wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-finding] form")));
            String id = form.findElement(By.xpath("ancestor::tr")).getAttribute("data-finding");
            form.findElement(By.name("reason")).sendKeys("Accepted in the console test");
            form.findElement(By.cssSelector("input[type=submit]")).click();
            wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Finding acknowledged"));
            JsonNode finding = http.get("/admin/realms/city/lifecycle/findings/" + id, server.masterToken()).json();
            assertEquals("ACKNOWLEDGED", finding.get("status").asText(), finding.toString());
            assertEquals("rita.reviewer", finding.get("acknowledged_by").asText());
        });
        JsonNode campaigns = http.get("/admin/realms/city/access-reviews/campaigns?definition=console-review", reviewAdmin).json();
        assertEquals(2, campaigns.size(), "one launched over the API, one from the console: " + campaigns);
        assertEquals("OPEN", campaigns.get(0).get("status").asText());
        assertEquals(1, campaigns.get(0).get("item_count").asInt(), "only ulla still holds the role");
        assertEquals("CLOSED", campaigns.get(1).get("status").asText());
        JsonNode progress = http.get("/admin/realms/city/access-reviews/campaigns/" + campaigns.get(1).get("id").asText() + "/progress", reviewAdmin).json();
        assertEquals(2, progress.get("decided").asInt(), progress.toString());
        assertEquals(1, progress.get("decisions").get("ACCEPT").asInt(), progress.toString());
        assertEquals(1, progress.get("decisions").get("REVOKE").asInt(), progress.toString());
        assertEquals("rita.reviewer", progress.get("reviewers").get(0).get("reviewer").asText(), progress.toString());
        assertEquals(2, progress.get("over_time").get(0).get("cumulative").asInt(), progress.toString());
        assertFalse(realmRoles(http, server, carl).contains("console-review"), "the revoked grant is gone");
        assertTrue(realmRoles(http, server, ulla).contains("console-review"), "the accepted one stays");

        String deviceAdmin = http.passwordToken("city", "devi.devices", "Devices-2026!");
        String device = enrolDevice(http, deviceAdmin);
        as(server, "devi.devices", "Devices-2026!", "devices", browser -> {
            assertEquals(List.of("Devices"), navigation(browser));
            wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("count-active")));
            assertTrue(browser.findElement(By.id("count-active")).getText().contains("active"));
            WebElement row = wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-device='" + device + "']")));
            row.findElement(By.cssSelector("button")).click();
            wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), device + ": quarantine done"));
            wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("tr[data-device='" + device + "'] td.status"), "quarantined"));
            HeadlessChromium.screenshot(browser, "console-device-quarantined");
        });
        JsonNode quarantined = http.get("/admin/realms/city/device-identity/devices/" + device, deviceAdmin).json();
        assertEquals("quarantined", quarantined.get("status").asText(), quarantined.toString());
        as(server, "ada.auditor", "Auditor-2026!", "audit", browser -> {
            assertEquals(List.of("Campaigns", "Devices", "Findings", "Audit log"), navigation(browser));
            wait(browser).until(ExpectedConditions.elementToBeClickable(By.id("verify"))).click();
            wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "The audit chain is intact"));
            open(browser, "campaigns", "Campaigns");
            wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("over-time")));
            assertTrue(browser.findElements(By.id("launch")).isEmpty(), "auditors get no launch form");
            assertTrue(browser.findElements(By.xpath("//button[starts-with(text(),'Close')]")).isEmpty(), "auditors close nothing");
            accessible(browser, "console-campaigns-auditor");
            open(browser, "findings", "Findings");
            assertTrue(browser.findElements(By.cssSelector("tr[data-finding] form")).isEmpty(), "auditors acknowledge nothing");
            accessible(browser, "console-findings-auditor");
        });
        as(server, "carl.citizen", "Citizen-2026!", null, browser -> {
            assertTrue(navigation(browser).isEmpty(), "no pages without a role");
            assertEquals("Nothing to show", browser.findElement(By.id("title")).getText());
        });
        String auditor = http.passwordToken("city", "ada.auditor", "Auditor-2026!");
        String open = campaigns.get(0).get("id").asText();
        assertEquals(200, http.get("/admin/realms/city/access-reviews/campaigns/" + open + "/progress", auditor).status(), "auditors read progress");
        Http.Reply refused = http.postJson("/admin/realms/city/access-reviews/campaigns", auditor, Map.of("definition_id", "console-review"));
        assertEquals(403, refused.status(), "auditors launch nothing: " + refused);
        assertEquals(403, http.postJson("/admin/realms/city/access-reviews/campaigns/" + open + "/close-stage", auditor, Map.of()).status());
        Http.Reply badBucket = http.get("/admin/realms/city/access-reviews/campaigns/" + open + "/progress?bucket=PT1M", auditor);
        assertEquals(400, badBucket.status(), badBucket.toString());
        assertEquals("invalid_bucket", badBucket.json().get("error").asText());
        assertEquals(404, http.get("/admin/realms/city/access-reviews/campaigns/nope/progress", auditor).status());
        String citizen = http.passwordToken("city", "carl.citizen", "Citizen-2026!");
        assertEquals(403, http.get("/admin/realms/city/access-reviews/campaigns/" + open + "/progress", citizen).status());
        assertEquals(403, http.postJson("/admin/realms/city/access-reviews/campaigns", citizen, Map.of("definition_id", "console-review")).status());
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

    private static void accessible(ChromeDriver browser, String name) {
        HeadlessChromium.assertAccessible(browser, name);
    }

    private static void open(ChromeDriver browser, String page, String title) {
        browser.get(browser.getCurrentUrl().replaceAll("#.*", "") + "#/" + page);
        wait(browser).until(ExpectedConditions.textToBe(By.id("title"), title));
    }

    private static void decide(ChromeDriver browser, String username, String decision, String comment) {
        WebElement row = browser.findElement(By.xpath("//tr[@data-item][td[1][text()='" + username + "']]"));
        new org.openqa.selenium.support.ui.Select(row.findElement(By.name("decision"))).selectByValue(decision);
        row.findElement(By.name("comment")).sendKeys(comment);
        row.findElement(By.cssSelector("input[type=submit]")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), username));
        wait(browser).until(d -> d.findElement(By.xpath("//tr[@data-item][td[1][text()='" + username + "']]/td[contains(@class,'decision')]"))
                .getText().startsWith(decision));
    }

    /** A role held by a citizen and a utility user, reviewed by rita.reviewer in a one-stage campaign. */
    private static void launchReview(Http http, TestServer server, String reviewAdmin, String... holders) {
        assertEquals(201, http.postJson("/admin/realms/city/roles", server.masterToken(), Map.of("name", "console-review")).status());
        JsonNode role = http.get("/admin/realms/city/roles/console-review", server.masterToken()).json();
        for (String user : holders) {
            assertEquals(204, http.postJson("/admin/realms/city/users/" + user + "/role-mappings/realm", server.masterToken(), List.of(role)).status());
        }
        Http.Reply definition = http.postJson("/admin/realms/city/access-reviews/definitions", reviewAdmin, Map.of(
                "id", "console-review", "name", "Console review",
                "scope", Map.of("selectors", List.of(Map.of("type", "realm_role", "name", "console-review"))),
                "reviewers", Map.of("rita", Map.of("type", "users", "users", List.of("rita.reviewer"))),
                "stages", List.of(Map.of("name", "owner", "duration", "P7D", "reviewer", "rita")),
                "non_response", "NO_CHANGE", "remediation", Map.of("mode", "AUTO")));
        assertEquals(201, definition.status(), definition.toString());
        Http.Reply campaign = http.postJson("/admin/realms/city/access-reviews/campaigns", reviewAdmin, Map.of("definition_id", "console-review"));
        assertEquals(201, campaign.status(), campaign.toString());
    }

    private static String userId(Http http, TestServer server, String username) {
        return http.get("/admin/realms/city/users?exact=true&username=" + username, server.masterToken()).json().get(0).get("id").asText();
    }

    private static String realmRoles(Http http, TestServer server, String userId) {
        return http.get("/admin/realms/city/users/" + userId + "/role-mappings/realm", server.masterToken()).body();
    }

    /** Pins a test manufacturer in the city realm and enrols one meter with EAT evidence; answers its device id. */
    private static String enrolDevice(Http http, String deviceAdmin) {
        TestPki.Issuer maker = TestPki.root("CN=Console Test Meters Root");
        Http.Reply anchor = http.postJson("/admin/realms/city/device-identity/trust-anchors", deviceAdmin,
                Map.of("certificate", TestPki.pem(maker.cert()), "purpose", "idevid"));
        assertEquals(201, anchor.status(), anchor.toString());
        Http.Reply group = http.putJson("/admin/realms/city/device-identity/groups/console-meters", deviceAdmin, Map.of(
                "anchors", List.of(anchor.json().get("pin").asText()), "evidence_types", List.of("eat"), "serial_allowlist", List.of("CM-*"), "quota", 5));
        assertEquals(201, group.status(), group.toString());
        Http.Reply challenge = http.postJson("/realms/city/device-identity/challenge", null, Map.of("group", "console-meters"));
        assertEquals(200, challenge.status(), challenge.toString());
        TestPki.Issuer idevid = TestPki.idevid(maker, "CM-0001");
        KeyPair key = TestPki.ecKeys();
        String evidence = TestPki.sign(TestPki.claims(challenge.json().get("nonce").asText(), "CM-0001", key.getPublic()).build(),
                idevid, List.of(idevid.cert(), maker.cert()));
        Http.Reply enrolled = http.postJson("/realms/city/device-identity/enroll", null, Map.of("group", "console-meters",
                "csr", TestPki.csrPem(key, "CN=ignored"), "evidence", evidence));
        assertEquals(201, enrolled.status(), enrolled.toString());
        return enrolled.json().get("device_id").asText();
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
