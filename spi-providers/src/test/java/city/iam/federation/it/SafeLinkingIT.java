package city.iam.federation.it;

import city.iam.testing.Browser;
import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * B7 against a real server: "Link existing user only on verified, trusted email" runs before Keycloak's
 * confirmation steps. An account whose local email is verified is linked automatically; one whose local email is
 * not verified is not — the user gets Keycloak's "account already exists" confirmation — and both decisions are
 * audited.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SafeLinkingIT {

    private static final String FLOW = "city safe linking";

    private StakeholderIdp idp;
    private Http http;
    private String admin;

    @BeforeAll
    void setUp(TestServer server) {
        http = server.http();
        admin = server.masterToken();
        idp = new StakeholderIdp(server, "b7");
        idp.upstreamUser("carol", "Carol-pass-1", "carol@utility-a.example");
        idp.upstreamUser("dave", "Dave-pass-1", "dave@utility-a.example");
        localUser("carol-local", "carol@utility-a.example", true);
        localUser("dave-local", "dave@utility-a.example", false);
        idp.brokerWithAssurance("utility-link", Map.of("acr.preset", "eidas", "syncMode", "INHERIT"));
        idp.city.user("ada", "Ada-pass-1", "auditor");
        safeLinkingFlow();
        ObjectNode rep = (ObjectNode) http.get(idp.city.adminPath("/identity-provider/instances/utility-link"), admin).json();
        rep.put("trustEmail", true);
        rep.put("firstBrokerLoginFlowAlias", FLOW);
        StakeholderIdp.expect(204, http.putJson(idp.city.adminPath("/identity-provider/instances/utility-link"), admin, rep));
    }

    private void localUser(String username, String email, boolean verified) {
        StakeholderIdp.expect(201, http.postJson(idp.city.adminPath("/users"), admin, Map.of("username", username, "enabled", true,
                "email", email, "emailVerified", verified, "firstName", "Local", "lastName", "User",
                "credentials", List.of(Map.of("type", "password", "value", "Local-pass-1", "temporary", false)))));
    }

    /** A copy of "first broker login" with our step as an alternative before "Handle Existing Account". */
    private void safeLinkingFlow() {
        StakeholderIdp.expect(201, http.postJson(idp.city.adminPath("/authentication/flows/" + enc("first broker login") + "/copy"),
                admin, Map.of("newName", FLOW)));
        String parent = null;
        for (JsonNode e : executions()) {
            if ("idp-create-user-if-unique".equals(e.path("providerId").asText())) {
                parent = parentOf(e);
            }
        }
        assertTrue(parent != null, "no 'Create User If Unique' step in " + executions());
        StakeholderIdp.expect(201, http.postJson(idp.city.adminPath("/authentication/flows/" + enc(parent) + "/executions/execution"),
                admin, Map.of("provider", "city-safe-auto-link")));
        JsonNode ours = null;
        for (JsonNode e : executions()) {
            if ("city-safe-auto-link".equals(e.path("providerId").asText())) {
                ours = e;
            }
        }
        ((ObjectNode) ours).put("requirement", "ALTERNATIVE");
        StakeholderIdp.expect(204, http.putJson(idp.city.adminPath("/authentication/flows/" + enc(FLOW) + "/executions"), admin, ours));
        // Added last; move it up to sit right after "Create User If Unique" (before "Handle Existing Account").
        StakeholderIdp.expect(204, http.postJson(idp.city.adminPath("/authentication/executions/" + ours.get("id").asText() + "/raise-priority"), admin, ""));
    }

    private JsonNode executions() {
        return http.get(idp.city.adminPath("/authentication/flows/" + enc(FLOW) + "/executions"), admin).json();
    }

    private String parentOf(JsonNode target) {
        String[] lastFlowAtLevel = new String[10];
        for (JsonNode e : executions()) {
            int level = e.get("level").asInt();
            if (e.get("id").asText().equals(target.get("id").asText())) {
                return level == 0 ? FLOW : lastFlowAtLevel[level - 1];
            }
            if (e.path("authenticationFlow").asBoolean()) {
                lastFlowAtLevel[level] = e.get("displayName").asText();
            }
        }
        return null;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Browser.Page login(String user, String password) {
        Browser browser = new Browser(StakeholderIdp.APP_REDIRECT);
        Browser.Page page = browser.open(idp.authUrl("utility-link", ""));
        assertEquals(200, page.status(), page.body());
        return browser.submit(page, Map.of("username", user, "password", password, "credentialId", ""));
    }

    private JsonNode links(String username) {
        String id = http.get(idp.city.adminPath("/users?username=" + username + "&exact=true"), admin).json().get(0).get("id").asText();
        return http.get(idp.city.adminPath("/users/" + id + "/federated-identity"), admin).json();
    }

    @Test
    void verifiedTrustedEmailLinksUnverifiedLocalEmailAsksForConfirmation() {
        Browser.Page carol = login("carol", "Carol-pass-1");
        assertTrue(carol.reached(StakeholderIdp.APP_REDIRECT), carol.url() + " " + carol.status() + " " + carol.body());
        assertEquals(1, links("carol-local").size());

        Browser.Page dave = login("dave", "Dave-pass-1");
        assertFalse(dave.reached(StakeholderIdp.APP_REDIRECT), "an unverified local email must not be linked automatically");
        assertEquals(200, dave.status());
        assertTrue(dave.body().contains("already exists"), dave.body());
        assertEquals(0, links("dave-local").size());

        String auditor = idp.city.token("ada", "Ada-pass-1");
        JsonNode auto = http.get(idp.city.adminPath("/city-iam/audit?action=federation.link.auto"), auditor).json();
        assertEquals(1, auto.size(), auto.toString());
        JsonNode confirm = http.get(idp.city.adminPath("/city-iam/audit?action=federation.link.confirmation_required"), auditor).json();
        assertEquals(1, confirm.size(), confirm.toString());
        assertEquals("local_email_not_verified", confirm.get(0).get("payload").get("decision").asText());
    }
}
