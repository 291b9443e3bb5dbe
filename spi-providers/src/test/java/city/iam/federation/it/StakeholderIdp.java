package city.iam.federation.it;

import city.iam.testing.Http;
import city.iam.testing.RealmFixture;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two sides of a brokered login on one server: a stakeholder realm acting as the upstream OIDC IdP (eIDAS
 * acr vocabulary, a user and a {@code city-broker} client) and a city realm brokering to it.
 */
public final class StakeholderIdp {

    public static final String EIDAS_SUBSTANTIAL = "http://eidas.europa.eu/LoA/substantial";
    public static final String EIDAS_HIGH = "http://eidas.europa.eu/LoA/high";
    public static final String APP = "city-app";
    public static final String APP_REDIRECT = "http://127.0.0.1:1/app/callback";
    public static final String BROKER_SECRET = "city-broker-secret-0123456789";

    public final TestServer server;
    public final Http http;
    public final RealmFixture upstream;
    public final RealmFixture city;

    public StakeholderIdp(TestServer server, String prefix) {
        this.server = server;
        this.http = server.http();
        upstream = RealmFixture.create(server, prefix + "-idp");
        city = RealmFixture.create(server, prefix + "-city");
        String admin = server.masterToken();
        // Password at the stakeholder IdP counts as eIDAS substantial (level 1 there).
        expect(204, http.putJson("/admin/realms/" + upstream.name(), admin, Map.of("attributes",
                Map.of("acr.loa.map", "{\"" + EIDAS_SUBSTANTIAL + "\":1,\"" + EIDAS_HIGH + "\":2}"))));
        expect(201, http.postJson(upstream.adminPath("/clients"), admin, Map.of(
                "clientId", "city-broker", "enabled", true, "publicClient", false, "secret", BROKER_SECRET,
                "standardFlowEnabled", true, "directAccessGrantsEnabled", false,
                "redirectUris", List.of(server.baseUrl() + "/realms/" + city.name() + "/broker/*"))));
        // The city's own acr names and levels.
        expect(204, http.putJson("/admin/realms/" + city.name(), admin, Map.of("attributes",
                Map.of("acr.loa.map", "{\"low\":1,\"substantial\":2,\"high\":3}"))));
        expect(201, http.postJson(city.adminPath("/clients"), admin, Map.of(
                "clientId", APP, "enabled", true, "publicClient", true, "standardFlowEnabled", true,
                "redirectUris", List.of(APP_REDIRECT))));
    }

    public void upstreamUser(String username, String password, String email) {
        String admin = server.masterToken();
        expect(201, http.postJson(upstream.adminPath("/users"), admin, Map.of(
                "username", username, "enabled", true, "email", email, "emailVerified", true,
                "firstName", "Alice", "lastName", "Utility",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)))));
    }

    /** An OIDC IdP in the city pointing at the stakeholder realm, with our assurance mapper configured. */
    public void brokerWithAssurance(String alias, Map<String, String> mapperConfig) {
        brokerWithAssurance(alias, "oidc", mapperConfig);
    }

    public String upstreamAuthEndpoint() {
        return server.baseUrl() + "/realms/" + upstream.name() + "/protocol/openid-connect/auth";
    }

    public void brokerWithAssurance(String alias, String providerId, Map<String, String> mapperConfig) {
        broker(alias, providerId);
        expect(201, http.postJson(city.adminPath("/identity-provider/instances/" + alias + "/mappers"), server.masterToken(), Map.of(
                "name", "assurance", "identityProviderAlias", alias, "identityProviderMapper", "city-assurance-mapper",
                "config", mapperConfig)));
    }

    /** An OIDC IdP ({@code providerId} {@code oidc} or {@code city-oidc}) in the city pointing at the stakeholder realm, no mappers. */
    public void broker(String alias, String providerId) {
        String admin = server.masterToken();
        String issuer = server.baseUrl() + "/realms/" + upstream.name();
        Map<String, String> config = new HashMap<>(Map.of(
                "clientId", "city-broker", "clientSecret", BROKER_SECRET, "clientAuthMethod", "client_secret_post",
                "authorizationUrl", issuer + "/protocol/openid-connect/auth",
                "tokenUrl", issuer + "/protocol/openid-connect/token",
                "jwksUrl", issuer + "/protocol/openid-connect/certs",
                "issuer", issuer, "validateSignature", "true", "useJwksUrl", "true",
                "syncMode", "FORCE"));
        config.put("defaultScope", "openid profile email");
        expect(201, http.postJson(city.adminPath("/identity-provider/instances"), admin, Map.of(
                "alias", alias, "providerId", providerId, "enabled", true, "trustEmail", false, "config", config)));
    }

    /** A local account of the city (email as username, verified) with a password. */
    public void localUser(String email, String password) {
        expect(201, http.postJson(city.adminPath("/users"), server.masterToken(), Map.of("username", email,
                "email", email, "emailVerified", true, "enabled", true, "firstName", "Local", "lastName", "User",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)))));
    }

    /** Hides an IdP on the login page (organisation IdPs must not be named there) and passes the address on as login_hint. */
    public void hideOnLoginWithHint(String alias) {
        String admin = server.masterToken();
        ObjectNode rep = (ObjectNode) http.get(city.adminPath("/identity-provider/instances/" + alias), admin).json();
        rep.put("hideOnLogin", true);
        ((ObjectNode) rep.get("config")).put("loginHint", "true");
        expect(204, http.putJson(city.adminPath("/identity-provider/instances/" + alias), admin, rep));
    }

    /** An organisation of the city with these domains (exact or {@code *.wildcard}) and IdPs; answers its id. */
    public String organisation(String alias, List<String> domains, String... idpAliases) {
        String admin = server.masterToken();
        expect(204, http.putJson("/admin/realms/" + city.name(), admin, Map.of("organizationsEnabled", true)));
        Http.Reply org = http.postJson(city.adminPath("/organizations"), admin, Map.of("name", alias, "alias", alias,
                "domains", domains.stream().map(d -> Map.of("name", d)).toList()));
        expect(201, org);
        String location = org.headers().firstValue("Location").orElseThrow();
        String orgId = location.substring(location.lastIndexOf('/') + 1);
        for (String idp : idpAliases) {
            expect(204, http.postJson(city.adminPath("/organizations/" + orgId + "/identity-providers"), admin, "\"" + idp + "\""));
        }
        return orgId;
    }

    /** The city's browser flow becomes: cookie, or our email-first discovery form. */
    public void discoveryBrowserFlow(String flow) {
        String admin = server.masterToken();
        String path = "/authentication/flows/" + URLEncoder.encode(flow, StandardCharsets.UTF_8).replace("+", "%20");
        expect(201, http.postJson(city.adminPath("/authentication/flows"), admin, Map.of(
                "alias", flow, "providerId", "basic-flow", "topLevel", true, "builtIn", false)));
        for (String provider : List.of("auth-cookie", "city-home-realm-discovery")) {
            expect(201, http.postJson(city.adminPath(path + "/executions/execution"), admin, Map.of("provider", provider)));
        }
        for (JsonNode e : http.get(city.adminPath(path + "/executions"), admin).json()) {
            ((ObjectNode) e).put("requirement", "ALTERNATIVE");
            expect(204, http.putJson(city.adminPath(path + "/executions"), admin, e));
        }
        expect(204, http.putJson("/admin/realms/" + city.name(), admin, Map.of("browserFlow", flow)));
    }

    public String authUrl(String idpHint, String extraQuery) {
        return server.baseUrl() + "/realms/" + city.name() + "/protocol/openid-connect/auth?client_id=" + APP
                + "&response_type=code&scope=openid&redirect_uri=" + APP_REDIRECT + "&kc_idp_hint=" + idpHint + extraQuery;
    }

    public JsonNode exchange(String code) {
        Http.Reply r = http.postForm("/realms/" + city.name() + "/protocol/openid-connect/token", null, Map.of(
                "grant_type", "authorization_code", "client_id", APP, "code", code, "redirect_uri", APP_REDIRECT));
        expect(200, r);
        return r.json();
    }

    public static JsonNode claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        try {
            return Http.JSON.readTree(java.util.Base64.getUrlDecoder().decode(payload));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    public static void expect(int status, Http.Reply r) {
        if (r.status() != status) {
            throw new AssertionError("expected " + status + " but got " + r);
        }
    }
}
