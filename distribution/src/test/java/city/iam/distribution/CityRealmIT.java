package city.iam.distribution;

import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference city realm as the dev server imports it. */
@ExtendWith(KeycloakServerExtension.class)
class CityRealmIT {

    @Test
    void discoveryDocumentIsServed(TestServer server) {
        Http.Reply r = server.http().get("/realms/city/.well-known/openid-configuration", null);
        assertEquals(200, r.status());
        assertTrue(r.json().get("issuer").asText().endsWith("/realms/city"));
    }

    @Test
    void demoRolesWorkAgainstTheSuite(TestServer server) {
        Http http = server.http();
        String auditor = http.passwordToken("city", "ada.auditor", "Auditor-2026!");
        Http.Reply verify = http.postJson("/admin/realms/city/city-iam/audit/verify", auditor, "");
        assertEquals(200, verify.status(), verify.body());
        assertTrue(verify.json().get("valid").asBoolean());

        String cityAdmin = http.passwordToken("city", "city-admin", "CityAdmin-2026!");
        assertEquals(403, http.get("/admin/realms/city/city-iam/audit", cityAdmin).status(),
                "the realm administrator is not an auditor");
        JsonNode realm = http.get("/admin/realms/city", cityAdmin).json();
        assertTrue(realm.get("eventsListeners").toString().contains("city-iam-audit"));
    }

    @Test
    void demoDatasetsDecideOnceTheAgreementsFileIsApplied(TestServer server) throws Exception {
        Http http = server.http();
        String dana = http.passwordToken("city", "dana.data", "Dataset-2026!");
        JsonNode datasets = http.get("/admin/realms/city/datasets", dana).json();
        assertEquals(3, datasets.size(), datasets.toString());
        String file = java.nio.file.Files.readString(java.nio.file.Path.of("../realm-config/datasets/city-agreements.json"));
        Http.Reply applied = http.postJson("/admin/realms/city/datasets/import", dana, file);
        assertEquals(200, applied.status(), applied.body());
        assertEquals(200, http.postJson("/admin/realms/city/datasets/import", dana, file).status(), "applying again is harmless");

        String ulla = http.passwordToken("city", "ulla.utility", "Utility-2026!");
        JsonNode permit = http.postJson("/realms/city/datasets/decision", ulla, java.util.Map.of(
                "dataset", "ds-energy-consumption", "scope", "data:read", "purpose", "energy-planning")).json();
        assertEquals("PERMIT", permit.get("decision").asText(), permit.toString());
        assertEquals("AG-ENERGY-1", permit.get("agreement").asText());

        String carl = http.passwordToken("city", "carl.citizen", "Citizen-2026!");
        JsonNode deny = http.postJson("/realms/city/datasets/decision", carl, java.util.Map.of(
                "dataset", "ds-energy-consumption", "scope", "data:read", "purpose", "energy-planning")).json();
        assertEquals("DENY", deny.get("decision").asText());
        assertEquals("ORG_NOT_ALLOWED", deny.get("reasons").get(0).asText());
        JsonNode open = http.postJson("/realms/city/datasets/decision", carl, java.util.Map.of(
                "dataset", "ds-parking-occupancy", "scope", "data:read")).json();
        assertEquals("PERMIT", open.get("decision").asText(), "open data for every citizen");
    }

    /**
     * The demo realm's browser flow is the city's home-realm discovery: the eID group shows the demo eID, and an
     * address of the university's domain goes to the university's demo IdP realm (uni-idp) with the address as
     * login_hint; Una signs in there and comes back to the city's account console as a linked, federated user.
     * The broker's URLs name the dev server's port 8080, so the test points them at this server as dev.sh does.
     */
    @Test
    void loginShowsTheEidGroupAndDiscoversTheUniversityIdp(TestServer server) {
        Http http = server.http();
        assertEquals("city discovery", http.get("/admin/realms/city", server.masterToken()).json().get("browserFlow").asText());
        assertEquals(200, http.get("/realms/uni-idp/.well-known/openid-configuration", null).status(), "the demo IdP realm is imported too");
        // The demo broker names http://localhost:8080 (dev.sh rewrites it for other ports); discovery checks that the
        // IdP's token endpoint answers before sending anyone there, so point it at this test server as dev.sh would.
        String base = server.baseUrl().replace("127.0.0.1", "localhost");
        com.fasterxml.jackson.databind.node.ObjectNode uni = (com.fasterxml.jackson.databind.node.ObjectNode)
                http.get("/admin/realms/city/identity-provider/instances/uni-demo", server.masterToken()).json();
        com.fasterxml.jackson.databind.node.ObjectNode config = (com.fasterxml.jackson.databind.node.ObjectNode) uni.get("config");
        for (String key : java.util.List.of("issuer", "authorizationUrl", "tokenUrl", "jwksUrl")) {
            config.put(key, config.get(key).asText().replace("http://localhost:8080", base));
        }
        assertEquals(204, http.putJson("/admin/realms/city/identity-provider/instances/uni-demo", server.masterToken(), uni).status());
        com.fasterxml.jackson.databind.node.ObjectNode broker = (com.fasterxml.jackson.databind.node.ObjectNode)
                http.get("/admin/realms/uni-idp/clients?clientId=city-broker", server.masterToken()).json().get(0);
        broker.putArray("redirectUris").add(base + "/realms/city/broker/*");
        assertEquals(204, http.putJson("/admin/realms/uni-idp/clients/" + broker.get("id").asText(), server.masterToken(), broker).status());
        ChromeDriver browser = HeadlessChromium.start();
        try {
            browser.get(server.baseUrl().replace("127.0.0.1", "localhost") + "/realms/city/account");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            org.openqa.selenium.WebElement eid = browser.findElement(By.id("eid-eid-demo"));
            assertEquals("eIDAS", eid.findElement(By.className("city-eid__preset")).getText(), "labelled with its preset");
            assertTrue(eid.getText().contains("National eID (demo)"), eid.getText());
            assertTrue(!browser.getPageSource().contains("uni-demo"), "the organisation's IdP is not named on the page");
            HeadlessChromium.assertAccessible(browser, "city-login-discovery");
            browser.findElement(By.id("username")).sendKeys("una@uni.example");
            browser.findElement(By.id("kc-login")).click();
            wait.until(d -> d.getCurrentUrl().contains("/realms/uni-idp/protocol/openid-connect/auth"));
            assertTrue(browser.getCurrentUrl().contains("login_hint=una%40uni.example"), browser.getCurrentUrl());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password"))).sendKeys("Una-2026!");
            browser.findElement(By.id("kc-login")).click();
            wait.until(d -> d.getCurrentUrl().contains("/realms/city/account") && !d.getCurrentUrl().contains("login-actions")
                    && !d.getCurrentUrl().contains("/broker/"));
            wait.until(ExpectedConditions.attributeToBe(By.id("firstName"), "value", "Una"));
            com.fasterxml.jackson.databind.JsonNode una = http.get("/admin/realms/city/users?email=una%40uni.example&exact=true",
                    server.masterToken()).json();
            assertEquals(1, una.size(), una.toString());
            com.fasterxml.jackson.databind.JsonNode links = http.get("/admin/realms/city/users/" + una.get(0).get("id").asText()
                    + "/federated-identity", server.masterToken()).json();
            assertEquals("uni-demo", links.get(0).get("identityProvider").asText(), "came back through the university's IdP: " + links);
        } finally {
            browser.quit();
        }
    }

    @Test
    void demoUserLogsInThroughTheBrowser(TestServer server) {
        ChromeDriver browser = HeadlessChromium.start();
        try {
            browser.get(server.baseUrl().replace("127.0.0.1", "localhost") + "/realms/city/account");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            assertTrue(browser.getPageSource().contains("Sign in to the city"), "city login theme wording shown");
            HeadlessChromium.screenshot(browser, "city-login");
            // With organisations enabled, Keycloak asks for the username first (home-realm discovery), then the password.
            browser.findElement(By.id("username")).sendKeys("carl.citizen");
            assertTrue(browser.findElements(By.id("password")).isEmpty(), "identity-first: no password field yet");
            browser.findElement(By.id("kc-login")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
            HeadlessChromium.screenshot(browser, "city-login-password");
            browser.findElement(By.id("password")).sendKeys("Citizen-2026!");
            browser.findElement(By.id("kc-login")).click();
            wait.until(d -> d.getCurrentUrl().contains("/realms/city/account") && !d.getCurrentUrl().contains("login-actions"));
            wait.until(ExpectedConditions.attributeToBe(By.id("firstName"), "value", "Carl"));
        } finally {
            HeadlessChromium.screenshot(browser, "city-account-after-login");
            browser.quit();
        }
    }
}
