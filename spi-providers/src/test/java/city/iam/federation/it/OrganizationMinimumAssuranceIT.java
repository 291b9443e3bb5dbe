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

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * B1 organisation minimum assurance on a real server: two organisations of the city, each with its own IdP to
 * the same stakeholder realm (a password there is eIDAS substantial). The organisation demanding {@code high}
 * refuses the login (403 page, event, audit entry, nobody created); the one demanding {@code substantial}
 * lets the same person in at that level.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganizationMinimumAssuranceIT {

    private StakeholderIdp idp;
    private Http http;

    @BeforeAll
    void setUp(TestServer server) {
        http = server.http();
        idp = new StakeholderIdp(server, "b1min");
        idp.upstreamUser("alice", "Alice-pass-1", "alice@utility-a.example");
        idp.upstreamUser("bob", "Bob-pass-1", "bob@utility-b.example");
        idp.brokerWithAssurance("utility-strict", Map.of("acr.preset", "eidas", "syncMode", "INHERIT"));
        idp.brokerWithAssurance("utility-normal", Map.of("acr.preset", "eidas", "syncMode", "INHERIT"));
        idp.organisation("strict", List.of("utility-b.example"), "utility-strict");
        idp.organisation("normal", List.of("utility-a.example"), "utility-normal");
        minimum("strict", "high");
        minimum("normal", "substantial");
        idp.city.user("ada", "Ada-pass-1", "auditor");
    }

    private void minimum(String orgAlias, String level) {
        String admin = idp.server.masterToken();
        JsonNode org = http.get(idp.city.adminPath("/organizations?search=" + orgAlias + "&exact=true"), admin).json().get(0);
        com.fasterxml.jackson.databind.node.ObjectNode rep = (com.fasterxml.jackson.databind.node.ObjectNode) org;
        rep.putObject("attributes").putArray("minimumAssurance").add(level);
        StakeholderIdp.expect(204, http.putJson(idp.city.adminPath("/organizations/" + org.get("id").asText()), admin, rep));
    }

    private Browser.Page login(String hint, String user, String password) {
        Browser browser = new Browser(StakeholderIdp.APP_REDIRECT);
        Browser.Page page = browser.open(idp.authUrl(hint, ""));
        assertEquals(200, page.status(), page.body());
        assertTrue(page.url().contains("/realms/" + idp.upstream.name() + "/"), page.url());
        return browser.submit(page, Map.of("username", user, "password", password, "credentialId", ""));
    }

    @Test
    void loginBelowTheOrganisationsMinimumIsRefused() {
        Browser.Page refused = login("utility-strict", "bob", "Bob-pass-1");
        assertFalse(refused.reached(StakeholderIdp.APP_REDIRECT), "a level below the organisation's minimum must not log in");
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.body().contains("Your organisation requires a higher level of assurance"), refused.body());

        String admin = idp.server.masterToken();
        JsonNode event = null;
        for (JsonNode e : http.get(idp.city.adminPath("/events?type=IDENTITY_PROVIDER_LOGIN_ERROR"), admin).json()) {
            if ("city_acr_below_organization_minimum".equals(e.path("error").asText())) {
                event = e;
            }
        }
        assertNotNull(event, "no IDENTITY_PROVIDER_LOGIN_ERROR event with the refusal");
        assertEquals("utility-strict", event.get("details").get("identity_provider").asText());
        assertEquals(StakeholderIdp.EIDAS_SUBSTANTIAL, event.get("details").get("upstream_acr").asText());

        JsonNode refusal = null;
        for (JsonNode entry : audit("federation.login.refused")) {
            if ("city_acr_below_organization_minimum".equals(entry.get("payload").path("refusal").asText())) {
                refusal = entry.get("payload");
            }
        }
        assertNotNull(refusal, "no federation.login.refused audit entry with the refusal");
        assertEquals("utility-strict", refusal.get("identity_provider").asText());
        assertEquals("strict", refusal.get("organization").asText());
        assertEquals(StakeholderIdp.EIDAS_SUBSTANTIAL, refusal.get("upstream_acr").asText());
        assertEquals(0, http.get(idp.city.adminPath("/users?username=bob&exact=true"), admin).json().size(), "nobody created");
    }

    @Test
    void loginAtTheOrganisationsMinimumIsAccepted() {
        Browser.Page done = login("utility-normal", "alice", "Alice-pass-1");
        assertTrue(done.reached(StakeholderIdp.APP_REDIRECT), done.url() + " " + done.status() + " " + done.body());
        JsonNode tokens = idp.exchange(done.query("code"));
        assertEquals("substantial", StakeholderIdp.claims(tokens.get("access_token").asText()).get("acr").asText());
        boolean accepted = false;
        for (JsonNode entry : audit("federation.login.accepted")) {
            accepted |= "normal".equals(entry.get("payload").path("organization").asText());
        }
        assertTrue(accepted, "accepted login audited with its organisation");
    }

    private JsonNode audit(String action) {
        Http.Reply r = http.get(idp.city.adminPath("/city-iam/audit?action=" + action + "&order=desc"), idp.city.token("ada", "Ada-pass-1"));
        StakeholderIdp.expect(200, r);
        return r.json();
    }
}
