package city.iam.realmconfig.it;

import city.iam.federation.it.SamlEidIdp;
import city.iam.federation.it.StakeholderIdp;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static city.iam.federation.it.StakeholderIdp.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The eID templates of {@code realm-config/templates/} (docs/federation.md "eID presets") applied with the tool to
 * a real server, then a login brokered through each: the OIDC one (FranceConnect-style acr {@code eidas1..3})
 * against a second realm acting as that eID, the SAML one (eIDAS LoA class refs) against a second realm acting as
 * a SAML eID ({@link SamlEidIdp}). The token {@code acr} is the city level the template's table maps to.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EidTemplatesIT {

    private static final String APP = StakeholderIdp.APP;
    private static final String APP_REDIRECT = StakeholderIdp.APP_REDIRECT;
    private static final String FC_SECRET = "eid-template-broker-secret-0123";

    private TestServer server;
    private Http http;
    private ConfigRealm city;

    @BeforeAll
    void setUp(TestServer server) {
        this.server = server;
        http = server.http();
        city = ConfigRealm.create(server, "eidtpl");
        String admin = server.masterToken();
        expect(204, http.putJson(city.realm.adminPath(""), admin, Map.of("attributes",
                Map.of("acr.loa.map", "{\"low\":1,\"substantial\":2,\"high\":3}"))));
        expect(201, http.postJson(city.realm.adminPath("/clients"), admin, Map.of(
                "clientId", APP, "enabled", true, "publicClient", true, "standardFlowEnabled", true,
                "redirectUris", List.of(APP_REDIRECT))));
    }

    static Path template(String name) {
        Path p = Path.of("templates", name);
        return Files.isDirectory(p) ? p : Path.of("realm-config", "templates", name);
    }

    private String authUrl(String idpHint) {
        return server.baseUrl() + "/realms/" + city.realm.name() + "/protocol/openid-connect/auth?client_id=" + APP
                + "&response_type=code&scope=openid&redirect_uri=" + APP_REDIRECT + "&kc_idp_hint=" + idpHint;
    }

    private String acrOf(Browser.Page done) {
        assertTrue(done.reached(APP_REDIRECT), done.url() + " " + done.status() + " " + done.body());
        Http.Reply r = http.postForm("/realms/" + city.realm.name() + "/protocol/openid-connect/token", null, Map.of(
                "grant_type", "authorization_code", "client_id", APP, "code", done.query("code"), "redirect_uri", APP_REDIRECT));
        expect(200, r);
        return StakeholderIdp.claims(r.json().get("id_token").asText()).get("acr").asText();
    }

    @Test
    void oidcFranceConnectStyleTemplate() {
        // The eID: a realm whose password login is FranceConnect's "eidas1".
        RealmFixture fc = RealmFixture.create(server, "eidtpl-fc");
        String admin = server.masterToken();
        expect(204, http.putJson(fc.adminPath(""), admin, Map.of("attributes",
                Map.of("acr.loa.map", "{\"eidas1\":1,\"eidas2\":2,\"eidas3\":3}"))));
        // FranceConnect's claim scopes (the template asks for them), offered to every client of the eID realm.
        for (String scope : List.of("given_name", "family_name")) {
            Http.Reply created = http.postJson(fc.adminPath("/client-scopes"), admin, Map.of("name", scope, "protocol", "openid-connect"));
            expect(201, created);
            String location = created.headers().firstValue("Location").orElseThrow();
            expect(204, http.putJson(fc.adminPath("/default-optional-client-scopes/" + location.substring(location.lastIndexOf('/') + 1)), admin, Map.of()));
        }
        expect(201, http.postJson(fc.adminPath("/clients"), admin, Map.of(
                "clientId", "city-broker", "enabled", true, "publicClient", false, "secret", FC_SECRET,
                "standardFlowEnabled", true, "redirectUris", List.of(server.baseUrl() + "/realms/" + city.realm.name() + "/broker/*"))));
        fc.user("marie", "Marie-pass-1");
        String issuer = server.baseUrl() + "/realms/" + fc.name();

        Map<String, String> env = city.env();
        env.put("EID_OIDC_ISSUER", issuer);
        env.put("EID_OIDC_AUTHORIZATION_URL", issuer + "/protocol/openid-connect/auth");
        env.put("EID_OIDC_TOKEN_URL", issuer + "/protocol/openid-connect/token");
        env.put("EID_OIDC_USERINFO_URL", issuer + "/protocol/openid-connect/userinfo");
        env.put("EID_OIDC_JWKS_URL", issuer + "/protocol/openid-connect/certs");
        env.put("EID_OIDC_CLIENT_ID", "city-broker");
        env.put("EID_OIDC_CLIENT_SECRET", FC_SECRET);
        ConfigRealm.Run run = city.tool(env, "apply", template("eid-oidc-franceconnect").toString());
        assertEquals(0, run.code(), run::toString);
        JsonNode mapper = city.get("/identity-provider/instances/eid-franceconnect/mappers").get(0);
        assertEquals("franceconnect", mapper.get("config").get("acr.preset").asText());

        Browser browser = new Browser(APP_REDIRECT);
        Browser.Page login = browser.open(authUrl("eid-franceconnect"));
        assertTrue(login.url().contains("/realms/" + fc.name() + "/"), "expected the eID's login page, got " + login.url());
        Browser.Page done = browser.submit(login, Map.of("username", "marie", "password", "Marie-pass-1", "credentialId", ""));
        assertEquals("low", acrOf(done), "FranceConnect eidas1 is the city's low");
    }

    @Test
    void samlEidasStyleTemplate() {
        SamlEidIdp eid = SamlEidIdp.create(server, "eidtpl", city.realm.name());
        eid.user("matti", "matti-Pass-1");
        Map<String, String> env = city.env();
        env.put("EID_SAML_ENTITY_ID", eid.entityId());
        env.put("EID_SAML_SSO_URL", eid.ssoUrl());
        env.put("EID_SAML_SIGNING_CERTIFICATE", eid.signingCertificate());
        ConfigRealm.Run run = city.tool(env, "apply", template("eid-saml-eidas").toString());
        assertEquals(0, run.code(), run::toString);
        assertEquals("city-saml", city.get("/identity-provider/instances/eid-eidas").get("providerId").asText());

        Browser browser = new Browser(APP_REDIRECT);
        // The template posts a signed AuthnRequest (POST binding, as eIDAS nodes expect).
        Browser.Page login = SamlEidIdp.continueThroughSaml(browser, browser.open(authUrl("eid-eidas")), null);
        assertTrue(login.url().contains("/realms/" + eid.realm.name() + "/"), "expected the eID's login page, got " + login.url() + " " + login.body());
        Browser.Page page = browser.submit(login, Map.of("username", "matti", "password", "matti-Pass-1", "credentialId", ""));
        Browser.Page done = SamlEidIdp.continueThroughSaml(browser, page, "matti@city-resident.example");
        assertEquals("substantial", acrOf(done), "eIDAS substantial is the city's substantial");
    }
}
