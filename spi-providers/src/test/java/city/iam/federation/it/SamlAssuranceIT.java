package city.iam.federation.it;

import city.iam.testing.Browser;
import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.RealmFixture;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static city.iam.federation.it.StakeholderIdp.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Assurance through a SAML broker against a real server: a second realm is an eIDAS-style SAML eID
 * ({@link SamlEidIdp}) whose signed assertions carry the reached level as {@code AuthnContextClassRef}. The city
 * maps it to its acr (tokens), refuses a class ref outside the IdP's table, and — with the {@code city-saml}
 * broker — asks the eID for the requested level as {@code RequestedAuthnContext}.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamlAssuranceIT {

    private static final String APP = StakeholderIdp.APP;
    private static final String APP_REDIRECT = StakeholderIdp.APP_REDIRECT;

    private TestServer server;
    private Http http;
    private RealmFixture city;
    private SamlEidIdp eid;

    @BeforeAll
    void setUp(TestServer server) {
        this.server = server;
        http = server.http();
        city = RealmFixture.create(server, "saml-city");
        String admin = server.masterToken();
        expect(204, http.putJson(city.adminPath(""), admin, Map.of("attributes",
                Map.of("acr.loa.map", "{\"low\":1,\"substantial\":2,\"high\":3}"))));
        expect(201, http.postJson(city.adminPath("/clients"), admin, Map.of(
                "clientId", APP, "enabled", true, "publicClient", true, "standardFlowEnabled", true,
                "redirectUris", List.of(APP_REDIRECT))));
        city.user("ada", "Ada-pass-1", "auditor");

        eid = SamlEidIdp.create(server, "saml", city.name());
        for (String u : List.of("alice", "bob", "carol", "dave")) {
            eid.user(u, u + "-Pass-1");
        }
        broker("eid-saml", "city-saml", Map.of("acr.preset", "eidas"));
        // The same eID, but the city expects SPID class refs from it: eIDAS URIs are unknown here (stock "saml" type).
        broker("eid-spid", "saml", Map.of("acr.preset", "spid"));
        // An eID whose table stops at substantial: an essential "high" cannot be reached through it.
        broker("eid-upto-substantial", "city-saml", Map.of("acr.table",
                "{\"" + SamlEidIdp.EIDAS_SUBSTANTIAL + "\":\"substantial\"}"));
    }

    private void broker(String alias, String providerId, Map<String, String> assurance) {
        String admin = server.masterToken();
        expect(201, http.postJson(city.adminPath("/identity-provider/instances"), admin, Map.of(
                "alias", alias, "providerId", providerId, "enabled", true, "trustEmail", false, "config", eid.brokerConfig())));
        Map<String, String> config = new HashMap<>(assurance);
        config.put("syncMode", "INHERIT");
        expect(201, http.postJson(city.adminPath("/identity-provider/instances/" + alias + "/mappers"), admin, Map.of(
                "name", "assurance", "identityProviderAlias", alias, "identityProviderMapper", "city-assurance-mapper", "config", config)));
    }

    private String authUrl(String idpHint, String extraQuery) {
        return server.baseUrl() + "/realms/" + city.name() + "/protocol/openid-connect/auth?client_id=" + APP
                + "&response_type=code&scope=openid&redirect_uri=" + APP_REDIRECT + "&kc_idp_hint=" + idpHint + extraQuery;
    }

    /** City → eID login page → password → SAML response posted back to the city. */
    private Browser.Page login(Browser browser, String hint, String extraQuery, String user) {
        Browser.Page page = browser.open(authUrl(hint, extraQuery));
        assertEquals(200, page.status(), page.body());
        assertTrue(page.url().contains("/realms/" + eid.realm.name() + "/"), "expected the eID's login page, got " + page.url());
        page = browser.submit(page, Map.of("username", user, "password", user + "-Pass-1", "credentialId", ""));
        return SamlEidIdp.continueThroughSaml(browser, page, user + "@city-resident.example");
    }

    private JsonNode tokens(Browser.Page done) {
        Http.Reply r = http.postForm("/realms/" + city.name() + "/protocol/openid-connect/token", null, Map.of(
                "grant_type", "authorization_code", "client_id", APP, "code", done.query("code"), "redirect_uri", APP_REDIRECT));
        expect(200, r);
        return r.json();
    }

    @Test
    void eidasClassRefBecomesTheCityAcr() {
        for (int round = 1; round <= 2; round++) { // first broker login, then the linked account
            Browser.Page done = login(new Browser(APP_REDIRECT), "eid-saml", "", "alice");
            assertTrue(done.reached(APP_REDIRECT), "round " + round + " ended at " + done.url() + " " + done.status() + " " + done.body());
            JsonNode tokens = tokens(done);
            assertEquals("substantial", StakeholderIdp.claims(tokens.get("access_token").asText()).get("acr").asText(), "round " + round);
            assertEquals("substantial", StakeholderIdp.claims(tokens.get("id_token").asText()).get("acr").asText(), "round " + round);
        }
        JsonNode latest = null;
        for (JsonNode e : audit("federation.login.accepted")) {
            if ("eid-saml".equals(e.get("payload").path("identity_provider").asText()) && latest == null) {
                latest = e.get("payload");
            }
        }
        assertNotNull(latest, "a federation audit entry for the SAML login");
        assertEquals(SamlEidIdp.EIDAS_SUBSTANTIAL, latest.get("upstream_acr").asText());
        assertEquals("substantial", latest.get("city_acr").asText());
        assertEquals(2, latest.get("level").asInt());
        assertEquals("existing_link", latest.get("linking").asText());
    }

    @Test
    void classRefOutsideTheTableIsRefused() {
        Browser.Page refused = login(new Browser(APP_REDIRECT), "eid-spid", "", "bob");
        assertFalse(refused.reached(APP_REDIRECT), "an unknown class ref must not log in");
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.body().contains("does not recognise"), refused.body());

        String admin = server.masterToken();
        JsonNode event = null;
        for (JsonNode e : http.get(city.adminPath("/events?type=IDENTITY_PROVIDER_LOGIN_ERROR"), admin).json()) {
            if ("city_acr_unknown".equals(e.path("error").asText()) && "eid-spid".equals(e.path("details").path("identity_provider").asText())) {
                event = e;
            }
        }
        assertNotNull(event, "IDENTITY_PROVIDER_LOGIN_ERROR city_acr_unknown for eid-spid");
        assertEquals(SamlEidIdp.EIDAS_SUBSTANTIAL, event.get("details").get("upstream_acr").asText());
        boolean audited = false;
        for (JsonNode e : audit("federation.login.refused")) {
            audited |= "eid-spid".equals(e.get("payload").path("identity_provider").asText())
                    && "city_acr_unknown".equals(e.get("payload").path("refusal").asText());
        }
        assertTrue(audited, "federation.login.refused audit entry");
        assertEquals(0, http.get(city.adminPath("/users?username=bob&exact=true"), admin).json().size(), "no user created");
    }

    @Test
    void stepUpIsRequestedAsRequestedAuthnContext() {
        String sso = eid.ssoUrl();
        String high = SamlEidIdp.redirectAuthnRequest(new Browser(sso).open(authUrl("eid-saml", "&acr_values=high")).url());
        assertTrue(high.contains("RequestedAuthnContext") && high.contains("Comparison=\"minimum\""), high);
        assertTrue(high.contains(">" + SamlEidIdp.EIDAS_HIGH + "<"), high);
        String substantial = SamlEidIdp.redirectAuthnRequest(new Browser(sso).open(authUrl("eid-saml", "&acr_values=substantial")).url());
        assertTrue(substantial.contains(">" + SamlEidIdp.EIDAS_SUBSTANTIAL + "<"), substantial);
        assertFalse(substantial.contains(SamlEidIdp.EIDAS_HIGH), substantial);
        // Without a requested level nothing is asked; the city's own acr names never reach the eID.
        String none = SamlEidIdp.redirectAuthnRequest(new Browser(sso).open(authUrl("eid-saml", "")).url());
        assertFalse(none.contains("RequestedAuthnContext"), none);
        String stock = SamlEidIdp.redirectAuthnRequest(new Browser(sso).open(authUrl("eid-spid", "&acr_values=high")).url());
        assertFalse(stock.contains("RequestedAuthnContext"), "the stock saml type forwards nothing: " + stock);
    }

    @Test
    void requestedLevelIsHonouredByTheEidAndMapped() {
        // The eID reads RequestedAuthnContext (minimum substantial = its LoA 1), runs that level and answers it.
        Browser.Page done = login(new Browser(APP_REDIRECT), "eid-saml", "&acr_values=substantial", "carol");
        assertTrue(done.reached(APP_REDIRECT), done.url() + " " + done.status() + " " + done.body());
        assertEquals("substantial", StakeholderIdp.claims(tokens(done).get("id_token").asText()).get("acr").asText());
    }

    @Test
    void essentialLevelTheEidCannotReachFailsBeforeTheRedirect() {
        String claims = URLEncoder.encode("{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"high\"]}}}", StandardCharsets.UTF_8);
        Browser.Page refused = new Browser(APP_REDIRECT).open(authUrl("eid-upto-substantial", "&claims=" + claims));
        assertEquals(403, refused.status(), refused.url() + " " + refused.body());
        assertTrue(refused.url().contains("/realms/" + city.name() + "/"), "never sent to the eID: " + refused.url());
        assertTrue(refused.body().contains("cannot provide the level of assurance"), refused.body());
        boolean found = false;
        for (JsonNode e : http.get(city.adminPath("/events?type=IDENTITY_PROVIDER_LOGIN_ERROR"), server.masterToken()).json()) {
            found |= "city_acr_unreachable".equals(e.path("error").asText())
                    && "eid-upto-substantial".equals(e.path("details").path("identity_provider").asText());
        }
        assertTrue(found, "IDENTITY_PROVIDER_LOGIN_ERROR city_acr_unreachable");
        // The same request without "essential" goes to the eID (the mapped level decides afterwards).
        String sso = eid.ssoUrl();
        Browser.Page sent = new Browser(sso).open(authUrl("eid-upto-substantial", "&acr_values=high"));
        assertTrue(sent.reached(sso), sent.url());
        assertFalse(SamlEidIdp.redirectAuthnRequest(sent.url()).contains("RequestedAuthnContext"));
    }

    private List<JsonNode> audit(String action) {
        String auditor = city.token("ada", "Ada-pass-1");
        Http.Reply r = http.get(city.adminPath("/city-iam/audit?action=" + action + "&order=desc"), auditor);
        expect(200, r);
        List<JsonNode> list = new ArrayList<>();
        r.json().forEach(list::add);
        return list;
    }
}
