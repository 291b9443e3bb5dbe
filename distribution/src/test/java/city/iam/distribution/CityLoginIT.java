package city.iam.distribution;

import city.iam.federation.it.SamlEidIdp;
import city.iam.federation.it.StakeholderIdp;
import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The city login theme in headless Chromium with a brokered stakeholder (scenario S4/S5 in a browser): a second
 * realm is the organisation's OIDC IdP; the stakeholder types an address of a wildcard organisation domain on the
 * email-first page, signs in upstream and comes back with the mapped {@code acr}; a later request for a higher
 * level shows the step-up explanation and sends them back to their IdP with the level in its vocabulary. An
 * existing and an unknown account of another domain see the same password page; the eID group is shown with its
 * preset's label in en, fr and fi, an OIDC and a SAML eID ({@code city-saml}, whose button reaches the SAML eID);
 * axe-core finds no serious or critical violation on these pages.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CityLoginIT {

    private static final String CLIENT = "city-web";

    private StakeholderIdp idp;
    private SamlEidIdp samlEid;
    private HttpServer app;
    private String appRedirect;

    @BeforeAll
    void setUp(TestServer server) throws IOException {
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/", exchange -> {
            byte[] body = "<!doctype html><html lang=\"en\"><title>City app</title><main><h1>Signed in</h1></main></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.start();
        appRedirect = "http://127.0.0.1:" + app.getAddress().getPort() + "/callback";

        idp = new StakeholderIdp(server, "login");
        Http http = idp.http;
        String admin = server.masterToken();
        idp.upstreamUser("alice", "Alice-pass-1", "alice@north.utility-a.example");
        // The organisation's IdP: city-oidc forwards step-up requests in the IdP's (eIDAS) vocabulary.
        idp.brokerWithAssurance("utility-a-oidc", "city-oidc", Map.of("acr.preset", "eidas", "syncMode", "INHERIT"));
        idp.hideOnLoginWithHint("utility-a-oidc");
        idp.organisation("utility-a", List.of("*.utility-a.example"), "utility-a-oidc");
        // A national eID shown on the login page (same upstream realm, FranceConnect vocabulary).
        idp.brokerWithAssurance("france-connect", Map.of("acr.preset", "franceconnect", "syncMode", "INHERIT"));
        ObjectNode fc = (ObjectNode) http.get(idp.city.adminPath("/identity-provider/instances/france-connect"), admin).json();
        fc.put("displayName", "FranceConnect (demo)");
        StakeholderIdp.expect(204, http.putJson(idp.city.adminPath("/identity-provider/instances/france-connect"), admin, fc));
        // A national eID over SAML (city-saml, eIDAS class refs): a third realm acting as the SAML eID.
        samlEid = SamlEidIdp.create(server, "login", idp.city.name());
        samlEid.user("matti", "matti-Pass-1");
        StakeholderIdp.expect(201, http.postJson(idp.city.adminPath("/identity-provider/instances"), admin, Map.of(
                "alias", "suomifi-saml", "providerId", "city-saml", "displayName", "Suomi.fi (demo)", "enabled", true,
                "config", samlEid.brokerConfig())));
        StakeholderIdp.expect(201, http.postJson(idp.city.adminPath("/identity-provider/instances/suomifi-saml/mappers"), admin, Map.of(
                "name", "assurance", "identityProviderAlias", "suomifi-saml", "identityProviderMapper", "city-assurance-mapper",
                "config", Map.of("acr.preset", "eidas", "syncMode", "INHERIT"))));
        idp.localUser("carol@unknown.example", "Carol-pass-1");
        StakeholderIdp.expect(201, http.postJson(idp.city.adminPath("/clients"), admin, Map.of(
                "clientId", CLIENT, "enabled", true, "publicClient", true, "standardFlowEnabled", true, "redirectUris", List.of(appRedirect))));
        StakeholderIdp.expect(204, http.putJson("/admin/realms/" + idp.city.name(), admin, Map.of("loginTheme", "city",
                "internationalizationEnabled", true, "supportedLocales", List.of("en", "fr", "fi"), "defaultLocale", "en")));
        idp.discoveryBrowserFlow("city discovery");
    }

    @AfterAll
    void stopApp() {
        if (app != null) {
            app.stop(0);
        }
    }

    private String authUrl(String extra) {
        return idp.server.baseUrl() + "/realms/" + idp.city.name() + "/protocol/openid-connect/auth?client_id=" + CLIENT
                + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(appRedirect, StandardCharsets.UTF_8) + extra;
    }

    @Test
    void stakeholderIsSentToTheirIdpByAWildcardDomainAndStepsUpWithAReason() {
        browse("stakeholder", browser -> {
            browser.get(authUrl(""));
            wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            assertFalse(browser.getPageSource().contains("utility-a-oidc"), "no organisation IdP is named on the page");
            WebElement eid = browser.findElement(By.id("eid-france-connect"));
            assertTrue(eid.isDisplayed());
            assertEquals("FranceConnect", eid.findElement(By.className("city-eid__preset")).getText(), "labelled with the preset");
            assertTrue(eid.getText().contains("FranceConnect (demo)"), eid.getText());
            assertEquals("Sign in with eID", browser.findElement(By.id("city-eid-title")).getText());
            HeadlessChromium.assertAccessible(browser, "login-email-first-eid");

            browser.findElement(By.id("username")).sendKeys("alice@north.utility-a.example");
            browser.findElement(By.id("kc-login")).click();
            wait(browser).until(d -> d.getCurrentUrl().contains("/realms/" + idp.upstream.name() + "/"));
            WebElement upstreamUser = wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            assertEquals("alice@north.utility-a.example", upstreamUser.getAttribute("value"), "the address travels as login_hint");
            upstreamUser.clear();
            upstreamUser.sendKeys("alice");
            browser.findElement(By.id("password")).sendKeys("Alice-pass-1");
            browser.findElement(By.id("kc-login")).click();
            JsonNode tokens = exchange(waitForCode(browser));
            assertEquals("substantial", StakeholderIdp.claims(tokens.get("access_token").asText()).get("acr").asText());
            assertEquals("substantial", StakeholderIdp.claims(tokens.get("id_token").asText()).get("acr").asText());

            // The same browser session, a service asking for "high": the page says why and offers the way back.
            browser.get(authUrl("&acr_values=high"));
            WebElement reason = wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kc-feedback-text")));
            assertTrue(reason.getText().startsWith("This service needs the assurance level \"high\"; you are signed in at \"substantial\""), reason.getText());
            assertTrue(browser.findElements(By.id("password")).isEmpty(), "a stakeholder has no city password to type");
            HeadlessChromium.assertAccessible(browser, "login-step-up");
            browser.findElement(By.id("kc-login")).click();
            wait(browser).until(d -> d.getCurrentUrl().contains("/realms/" + idp.upstream.name() + "/"));
            assertEquals(StakeholderIdp.EIDAS_HIGH, query(browser.getCurrentUrl(), "acr_values"), "step-up forwarded in the IdP's vocabulary");
        });
    }

    @Test
    void existingAndUnknownAccountsOfAnotherDomainSeeTheSamePasswordPage() {
        String[] pages = new String[2];
        browse("carol", browser -> pages[0] = passwordPage(browser, "carol@unknown.example", "login-password"));
        browse("nobody", browser -> pages[1] = passwordPage(browser, "nobody@unknown.example", null));
        assertEquals(pages[0], pages[1]);
    }

    @Test
    void samlEidIsInTheEidGroupAndItsButtonSendsTheAuthnRequest() {
        browse("saml-eid", browser -> {
            browser.get(authUrl(""));
            WebElement eid = wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("eid-suomifi-saml")));
            assertEquals("eIDAS", eid.findElement(By.className("city-eid__preset")).getText(), "labelled with the preset");
            assertTrue(eid.getText().contains("Suomi.fi (demo)"), eid.getText());
            eid.click();
            // The browser carries the AuthnRequest (HTTP-Redirect binding) to the SAML eID, which shows its login page.
            wait(browser).until(d -> d.getCurrentUrl().contains("/realms/" + samlEid.realm.name() + "/"));
            wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        });
    }

    @Test
    void theEidGroupIsTranslated() {
        for (Map.Entry<String, String> locale : Map.of("fr", "Se connecter avec une identité numérique (eID)", "fi", "Kirjaudu sisään eID:llä").entrySet()) {
            browse("eid-" + locale.getKey(), browser -> {
                browser.get(authUrl("&ui_locales=" + locale.getKey()));
                assertEquals(locale.getValue(), wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("city-eid-title"))).getText());
                HeadlessChromium.assertAccessible(browser, "login-email-first-" + locale.getKey());
            });
        }
    }

    /** Types the address on the first page; answers what the password page shows, the address replaced. */
    private String passwordPage(ChromeDriver browser, String email, String screenshot) {
        browser.get(authUrl(""));
        wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(email);
        browser.findElement(By.id("kc-login")).click();
        wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        if (screenshot != null) {
            HeadlessChromium.assertAccessible(browser, screenshot);
        }
        List<String> inputs = browser.findElements(By.tagName("input")).stream()
                .map(i -> i.getAttribute("name") + "=" + (email.equals(i.getAttribute("value")) ? "EMAIL" : i.getAttribute("type"))).sorted().toList();
        return inputs + "\n" + browser.findElement(By.tagName("body")).getText().replace(email, "EMAIL");
    }

    private JsonNode exchange(String code) {
        Http.Reply r = idp.http.postForm("/realms/" + idp.city.name() + "/protocol/openid-connect/token", null, Map.of(
                "grant_type", "authorization_code", "client_id", CLIENT, "code", code, "redirect_uri", appRedirect));
        StakeholderIdp.expect(200, r);
        return r.json();
    }

    private String waitForCode(ChromeDriver browser) {
        wait(browser).until(d -> d.getCurrentUrl().startsWith(appRedirect));
        String code = query(browser.getCurrentUrl(), "code");
        assertTrue(code != null, browser.getCurrentUrl());
        return code;
    }

    private static String query(String url, String name) {
        String q = URI.create(url).getRawQuery();
        if (q == null) {
            return null;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void browse(String name, Consumer<ChromeDriver> steps) {
        ChromeDriver browser = HeadlessChromium.start();
        try {
            steps.accept(browser);
        } finally {
            HeadlessChromium.screenshot(browser, "login-" + name + "-last");
            browser.quit();
        }
    }

    private static WebDriverWait wait(ChromeDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }
}
