package city.iam.federation.it;

import city.iam.testing.Browser;
import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenario S5 (assurance through the broker) against a real server: a second realm is the stakeholder's OIDC
 * IdP; the city's token {@code acr} is the mapped city level, and an upstream acr outside the IdP's table is
 * refused with an event, an error page and an audit entry.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokeredAssuranceIT {

    private StakeholderIdp idp;
    private Http http;

    @BeforeAll
    void setUp(TestServer server) {
        http = server.http();
        idp = new StakeholderIdp(server, "s5");
        idp.upstreamUser("alice", "Alice-pass-1", "alice@utility-a.example");
        idp.upstreamUser("bob", "Bob-pass-1", "bob@utility-a.example");
        idp.brokerWithAssurance("utility-eidas", Map.of("acr.preset", "eidas", "syncMode", "INHERIT"));
        // The same upstream, but the city expects FranceConnect values from it: eIDAS URIs are unknown here.
        idp.brokerWithAssurance("utility-fc", Map.of("acr.preset", "franceconnect", "syncMode", "INHERIT"));
        // city-oidc: the OIDC broker that forwards step-up requests translated into the IdP's vocabulary.
        idp.brokerWithAssurance("utility-stepup", "city-oidc", Map.of("acr.preset", "eidas", "syncMode", "INHERIT"));
        // city-oidc whose table stops at substantial: an essential "high" cannot be reached through it.
        idp.brokerWithAssurance("utility-upto-substantial", "city-oidc", Map.of("acr.table",
                "{\"" + StakeholderIdp.EIDAS_SUBSTANTIAL + "\":\"substantial\"}", "syncMode", "INHERIT"));
        idp.city.user("ada", "Ada-pass-1", "auditor");
    }

    private Browser.Page loginUpstream(Browser browser, String hint, String user, String password) {
        Browser.Page login = browser.open(idp.authUrl(hint, ""));
        assertEquals(200, login.status(), login.body());
        assertTrue(login.url().contains("/realms/" + idp.upstream.name() + "/"), "expected the stakeholder IdP's login page, got " + login.url());
        return browser.submit(login, Map.of("username", user, "password", password, "credentialId", ""));
    }

    @Test
    void upstreamEidasSubstantialBecomesTheCityAcr() {
        for (int round = 1; round <= 2; round++) { // first broker login, then the already-linked account
            Browser browser = new Browser(StakeholderIdp.APP_REDIRECT);
            Browser.Page done = loginUpstream(browser, "utility-eidas", "alice", "Alice-pass-1");
            assertTrue(done.reached(StakeholderIdp.APP_REDIRECT), "round " + round + " ended at " + done.url() + " " + done.status() + " " + done.body());
            JsonNode tokens = idp.exchange(done.query("code"));
            assertEquals("substantial", StakeholderIdp.claims(tokens.get("access_token").asText()).get("acr").asText(), "round " + round);
            assertEquals("substantial", StakeholderIdp.claims(tokens.get("id_token").asText()).get("acr").asText(), "round " + round);
        }
        List<JsonNode> entries = audit("federation.login.accepted");
        assertTrue(entries.size() >= 2, entries.toString());
        JsonNode first = entries.get(entries.size() - 1).get("payload");
        JsonNode latest = entries.get(0).get("payload");
        assertEquals("utility-eidas", latest.get("identity_provider").asText());
        assertEquals(StakeholderIdp.EIDAS_SUBSTANTIAL, latest.get("upstream_acr").asText());
        assertEquals("substantial", latest.get("city_acr").asText());
        assertEquals(2, latest.get("level").asInt());
        assertEquals("first_broker_login", first.get("linking").asText());
        assertEquals("existing_link", latest.get("linking").asText());
    }

    @Test
    void unknownUpstreamAcrIsRefused() {
        Browser browser = new Browser(StakeholderIdp.APP_REDIRECT);
        Browser.Page refused = loginUpstream(browser, "utility-fc", "bob", "Bob-pass-1");
        assertFalse(refused.reached(StakeholderIdp.APP_REDIRECT), "an unknown acr must not log in");
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.body().contains("does not recognise"), refused.body());

        String admin = idp.server.masterToken();
        JsonNode events = http.get(idp.city.adminPath("/events?type=IDENTITY_PROVIDER_LOGIN_ERROR"), admin).json();
        JsonNode event = null;
        for (JsonNode e : events) {
            if ("city_acr_unknown".equals(e.path("error").asText())) {
                event = e;
            }
        }
        assertNotNull(event, events.toString());
        assertEquals("utility-fc", event.get("details").get("identity_provider").asText());
        assertEquals(StakeholderIdp.EIDAS_SUBSTANTIAL, event.get("details").get("upstream_acr").asText());

        JsonNode refusal = null;
        for (JsonNode entry : audit("federation.login.refused")) {
            if ("city_acr_unknown".equals(entry.get("payload").path("refusal").asText())) {
                refusal = entry.get("payload");
            }
        }
        assertNotNull(refusal);
        assertEquals("utility-fc", refusal.get("identity_provider").asText());
        assertEquals("city_acr_unknown", refusal.get("refusal").asText());
        // Nobody was created for bob in the city.
        assertEquals(0, http.get(idp.city.adminPath("/users?username=bob&exact=true"), admin).json().size());
    }

    @Test
    void stepUpIsForwardedInTheIdpsVocabulary() {
        String upstreamAuth = idp.upstreamAuthEndpoint();
        Browser.Page high = new Browser(upstreamAuth).open(idp.authUrl("utility-stepup", "&acr_values=high"));
        assertTrue(high.reached(upstreamAuth), high.url());
        assertEquals(StakeholderIdp.EIDAS_HIGH, high.query("acr_values"));
        Browser.Page substantial = new Browser(upstreamAuth).open(idp.authUrl("utility-stepup", "&acr_values=substantial"));
        assertEquals(StakeholderIdp.EIDAS_SUBSTANTIAL, substantial.query("acr_values"));
        // Without a request nothing is forwarded; the city's own names ("high") never leak upstream.
        Browser.Page none = new Browser(upstreamAuth).open(idp.authUrl("utility-stepup", ""));
        assertTrue(none.reached(upstreamAuth), none.url());
        assertEquals(null, none.query("acr_values"));
    }

    @Test
    void essentialLevelTheIdpDidNotReachIsAnErrorNotADowngrade() {
        String claims = java.net.URLEncoder.encode("{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"high\"]}}}",
                java.nio.charset.StandardCharsets.UTF_8);
        Browser browser = new Browser(StakeholderIdp.APP_REDIRECT);
        Browser.Page login = browser.open(idp.authUrl("utility-stepup", "&claims=" + claims));
        assertEquals(200, login.status(), login.body());
        assertTrue(login.url().contains("acr_values=" + java.net.URLEncoder.encode(StakeholderIdp.EIDAS_HIGH, java.nio.charset.StandardCharsets.UTF_8)), login.url());
        // The stakeholder IdP has no second factor configured, so it answers eIDAS substantial.
        Browser.Page refused = browser.submit(login, Map.of("username", "alice", "password", "Alice-pass-1", "credentialId", ""));
        assertFalse(refused.reached(StakeholderIdp.APP_REDIRECT), "an essential level that was not reached must not log in");
        assertEquals(403, refused.status(), refused.body());
        JsonNode events = http.get(idp.city.adminPath("/events?type=IDENTITY_PROVIDER_LOGIN_ERROR"), idp.server.masterToken()).json();
        boolean found = false;
        for (JsonNode e : events) {
            found |= "city_acr_insufficient".equals(e.path("error").asText());
        }
        assertTrue(found, events.toString());
    }

    @Test
    void essentialLevelTheIdpCannotReachFailsBeforeTheRedirect() {
        String claims = java.net.URLEncoder.encode("{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"high\"]}}}",
                java.nio.charset.StandardCharsets.UTF_8);
        Browser.Page refused = new Browser(StakeholderIdp.APP_REDIRECT).open(idp.authUrl("utility-upto-substantial", "&claims=" + claims));
        assertEquals(403, refused.status(), refused.url() + " " + refused.body());
        assertTrue(refused.url().contains("/realms/" + idp.city.name() + "/"), "never sent to the IdP: " + refused.url());
        assertTrue(refused.body().contains("cannot provide the level of assurance"), refused.body());
        boolean found = false;
        for (JsonNode e : http.get(idp.city.adminPath("/events?type=IDENTITY_PROVIDER_LOGIN_ERROR"), idp.server.masterToken()).json()) {
            found |= "city_acr_unreachable".equals(e.path("error").asText())
                    && "utility-upto-substantial".equals(e.path("details").path("identity_provider").asText());
        }
        assertTrue(found, "IDENTITY_PROVIDER_LOGIN_ERROR city_acr_unreachable");
    }

    private List<JsonNode> audit(String action) {
        String auditor = idp.city.token("ada", "Ada-pass-1");
        Http.Reply r = http.get(idp.city.adminPath("/city-iam/audit?action=" + action + "&order=desc"), auditor);
        StakeholderIdp.expect(200, r);
        List<JsonNode> list = new ArrayList<>();
        r.json().forEach(list::add);
        assertNotNull(list);
        return list;
    }
}
