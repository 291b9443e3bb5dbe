package city.iam.federation.it;

import city.iam.testing.Browser;
import city.iam.testing.Http;
import city.iam.testing.RealmFixture;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Inflater;

import static city.iam.federation.it.StakeholderIdp.expect;

/**
 * A second realm on the same server acting as an eIDAS-style SAML eID: a SAML client for the city's broker
 * (signed responses and assertions), a step-up browser flow where a password is LoA 1, and the client's
 * {@code acr.loa.map} naming the eIDAS URIs. Keycloak's own SAML IdP then emits the reached level as the
 * assertion's {@code AuthnContextClassRef} (its {@code saml-authn-context-class-ref-mapper}, Keycloak 26.6+) and
 * honours a {@code RequestedAuthnContext} from the broker — real SAML on both sides, nothing mocked.
 */
public final class SamlEidIdp {

    public static final String EIDAS_SUBSTANTIAL = StakeholderIdp.EIDAS_SUBSTANTIAL;
    public static final String EIDAS_HIGH = StakeholderIdp.EIDAS_HIGH;

    private static final Pattern HIDDEN = Pattern.compile(
            "<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    public final TestServer server;
    public final RealmFixture realm;
    private final Http http;

    private SamlEidIdp(TestServer server, RealmFixture realm) {
        this.server = server;
        this.realm = realm;
        this.http = server.http();
    }

    /** The IdP realm, with a SAML client for the broker of {@code cityRealm} (SP entity ID = the city realm's URL). */
    public static SamlEidIdp create(TestServer server, String prefix, String cityRealm) {
        SamlEidIdp idp = new SamlEidIdp(server, RealmFixture.create(server, prefix + "-eid"));
        idp.loaBrowserFlow();
        String city = server.baseUrl() + "/realms/" + cityRealm;
        Map<String, String> attributes = new HashMap<>(Map.of(
                "saml.assertion.signature", "true", "saml.server.signature", "true", "saml.client.signature", "false",
                "saml.authnstatement", "true", "saml_force_name_id_format", "true", "saml_name_id_format", "username",
                "saml.signature.algorithm", "RSA_SHA256"));
        attributes.put("acr.loa.map", "{\"" + EIDAS_SUBSTANTIAL + "\":1,\"" + EIDAS_HIGH + "\":2}");
        expect(201, idp.http.postJson(idp.realm.adminPath("/clients"), server.masterToken(), Map.of(
                "clientId", city, "protocol", "saml", "enabled", true, "frontchannelLogout", false,
                "redirectUris", List.of(city + "/broker/*"), "attributes", attributes,
                "protocolMappers", List.of(Map.of("name", "eidas-loa", "protocol", "saml",
                        "protocolMapper", "saml-authn-context-class-ref-mapper", "config", Map.of())))));
        return idp;
    }

    /** Keycloak's documented step-up flow: cookie, or (level 1) username + password. */
    private void loaBrowserFlow() {
        String admin = server.masterToken();
        expect(201, http.postJson(realm.adminPath("/authentication/flows"), admin, Map.of(
                "alias", "eid-loa", "providerId", "basic-flow", "topLevel", true, "builtIn", false)));
        expect(201, http.postJson(realm.adminPath("/authentication/flows/eid-loa/executions/execution"), admin, Map.of("provider", "auth-cookie")));
        expect(201, http.postJson(realm.adminPath("/authentication/flows/eid-loa/executions/flow"), admin, Map.of(
                "alias", "eid-loa-forms", "type", "basic-flow", "provider", "registration-page-form", "description", "")));
        expect(201, http.postJson(realm.adminPath("/authentication/flows/eid-loa-forms/executions/flow"), admin, Map.of(
                "alias", "eid-loa-1", "type", "basic-flow", "provider", "registration-page-form", "description", "")));
        expect(201, http.postJson(realm.adminPath("/authentication/flows/eid-loa-1/executions/execution"), admin,
                Map.of("provider", "conditional-level-of-authentication")));
        expect(201, http.postJson(realm.adminPath("/authentication/flows/eid-loa-1/executions/execution"), admin,
                Map.of("provider", "auth-username-password-form")));
        Map<String, String> requirement = Map.of("auth-cookie", "ALTERNATIVE", "eid-loa-forms", "ALTERNATIVE",
                "eid-loa-1", "CONDITIONAL", "conditional-level-of-authentication", "REQUIRED", "auth-username-password-form", "REQUIRED");
        for (JsonNode e : http.get(realm.adminPath("/authentication/flows/eid-loa/executions"), admin).json()) {
            String key = e.has("providerId") && !e.path("authenticationFlow").asBoolean() ? e.get("providerId").asText() : e.get("displayName").asText();
            ((ObjectNode) e).put("requirement", requirement.getOrDefault(key, e.path("requirement").asText()));
            Http.Reply updated = http.putJson(realm.adminPath("/authentication/flows/eid-loa/executions"), admin, e);
            if (updated.status() != 202 && updated.status() != 204) {
                throw new AssertionError("updating execution " + key + ": " + updated);
            }
            if ("conditional-level-of-authentication".equals(key)) {
                expect(201, http.postJson(realm.adminPath("/authentication/executions/" + e.get("id").asText() + "/config"), admin,
                        Map.of("alias", "eid-loa-1-condition", "config", Map.of("loa-condition-level", "1", "loa-max-age", "36000"))));
            }
        }
        expect(204, http.putJson(realm.adminPath(""), admin, Map.of("browserFlow", "eid-loa")));
    }

    public void user(String username, String password) {
        expect(201, http.postJson(realm.adminPath("/users"), server.masterToken(), Map.of(
                "username", username, "enabled", true, "email", username + "@eid.example", "emailVerified", true,
                "firstName", username, "lastName", "Citizen",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)))));
    }

    public String entityId() {
        return server.baseUrl() + "/realms/" + realm.name();
    }

    public String ssoUrl() {
        return entityId() + "/protocol/saml";
    }

    /** The realm's active RS256 signing certificate (base64 DER), what an operator pins from the IdP's metadata. */
    public String signingCertificate() {
        for (JsonNode key : http.get(realm.adminPath("/keys"), server.masterToken()).json().get("keys")) {
            if ("RS256".equals(key.path("algorithm").asText()) && "ACTIVE".equals(key.path("status").asText()) && key.has("certificate")) {
                return key.get("certificate").asText();
            }
        }
        throw new AssertionError("no RS256 certificate in realm " + realm.name());
    }

    /** Config of a SAML broker (Keycloak's IdP representation {@code config}) pointing at this IdP. */
    public Map<String, String> brokerConfig() {
        Map<String, String> c = new HashMap<>();
        c.put("singleSignOnServiceUrl", ssoUrl());
        c.put("idpEntityId", entityId());
        c.put("postBindingResponse", "true");
        c.put("postBindingAuthnRequest", "false");
        c.put("wantAssertionsSigned", "true");
        c.put("validateSignature", "true");
        c.put("signingCertificate", signingCertificate());
        c.put("nameIDPolicyFormat", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
        c.put("principalType", "SUBJECT");
        c.put("syncMode", "FORCE");
        return c;
    }

    /**
     * Follows the browser through SAML POST-binding pages (the auto-submitting forms holding {@code SAMLResponse}
     * or {@code SAMLRequest}) and, on a first login, Keycloak's "review profile" page (eIDAS asserts no email, so
     * the city asks for one once).
     */
    public static Browser.Page continueThroughSaml(Browser browser, Browser.Page page, String email) {
        for (int i = 0; i < 5; i++) {
            if (page.status() == 200 && (page.body().contains("SAMLResponse") || page.body().contains("SAMLRequest"))) {
                page = browser.submit(page, hiddenFields(page.body()));
            } else if (email != null && page.status() == 200 && page.url().contains("first-broker-login") && page.body().contains("name=\"email\"")) {
                page = browser.submit(page, Map.of("email", email, "firstName", "Eid", "lastName", "Citizen"));
            } else {
                return page;
            }
        }
        return page;
    }

    static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&#x3d;", "=").replace("&#x2b;", "+").replace("&#x2f;", "/")
                    .replace("&#61;", "=").replace("&#43;", "+").replace("&#47;", "/").replace("&amp;", "&"));
        }
        return fields;
    }

    /** The AuthnRequest XML of an HTTP-Redirect binding URL (base64 of raw DEFLATE, RFC 1951). */
    public static String redirectAuthnRequest(String url) {
        Browser.Page p = new Browser.Page(302, url, "");
        String encoded = p.query("SAMLRequest");
        if (encoded == null) {
            throw new AssertionError("no SAMLRequest in " + url);
        }
        byte[] deflated = Base64.getDecoder().decode(encoded);
        Inflater inflater = new Inflater(true);
        inflater.setInput(deflated);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buf, 0, n);
            }
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError(e);
        } finally {
            inflater.end();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
