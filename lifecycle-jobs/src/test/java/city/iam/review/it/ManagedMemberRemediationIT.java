package city.iam.review.it;

import city.iam.testing.Browser;
import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.RealmFixture;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A revoked MANAGED organisation membership under each {@code remediation.managed_members} setting. Managed members
 * are made the way Keycloak makes them: a first brokered login through the organisation's identity provider (an
 * upstream realm on the same server), which the stock first-broker-login flow turns into a MANAGED membership. Each
 * test revokes one member's membership and closes the stage, then checks the item's remediation state and reason,
 * the account or link through the admin API, the audit entry, and that the membership (and so the account) is kept.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagedMemberRemediationIT {

    private static final String APP = "managed-app";
    private static final String APP_REDIRECT = "http://127.0.0.1:1/app/callback";
    private static final String BROKER_SECRET = "acme-broker-secret-0123456789";
    private static final String IDP = "acme-idp";

    private TestServer server;
    private ReviewRealm city;
    private RealmFixture upstream;
    private String orgId;

    @BeforeAll
    void realms(TestServer server) {
        this.server = server;
        city = new ReviewRealm(server, "arManaged");
        city.clockSeconds(0);
        city.person("olga");
        city.base.enableTracker();
        upstream = RealmFixture.create(server, "arManagedIdp");
        String master = server.masterToken();
        expect(201, city.http.postJson(upstream.adminPath("/clients"), master, Map.of("clientId", "city-broker", "enabled", true,
                "publicClient", false, "secret", BROKER_SECRET, "standardFlowEnabled", true, "directAccessGrantsEnabled", false,
                "redirectUris", List.of(server.baseUrl() + "/realms/" + city.realm.name() + "/broker/*"))));
        String issuer = server.baseUrl() + "/realms/" + upstream.name();
        Map<String, String> config = new HashMap<>(Map.of("clientId", "city-broker", "clientSecret", BROKER_SECRET,
                "clientAuthMethod", "client_secret_post", "authorizationUrl", issuer + "/protocol/openid-connect/auth",
                "tokenUrl", issuer + "/protocol/openid-connect/token", "jwksUrl", issuer + "/protocol/openid-connect/certs",
                "issuer", issuer, "validateSignature", "true", "useJwksUrl", "true"));
        config.put("defaultScope", "openid profile email");
        expect(201, city.http.postJson(city.realm.adminPath("/identity-provider/instances"), master, Map.of("alias", IDP,
                "providerId", "oidc", "enabled", true, "trustEmail", true, "config", config)));
        expect(201, city.http.postJson(city.realm.adminPath("/clients"), master, Map.of("clientId", APP, "enabled", true,
                "publicClient", true, "standardFlowEnabled", true, "redirectUris", List.of(APP_REDIRECT))));
        expect(204, city.http.putJson(city.realm.adminPath(""), master, Map.of("organizationsEnabled", true)));
        Http.Reply org = city.http.postJson(city.realm.adminPath("/organizations"), master, Map.of("name", "Acme", "alias", "acme",
                "domains", List.of(Map.of("name", "acme.example"))));
        expect(201, org);
        String location = org.headers().firstValue("Location").orElseThrow();
        orgId = location.substring(location.lastIndexOf('/') + 1);
        expect(204, city.http.postJson(city.realm.adminPath("/organizations/" + orgId + "/identity-providers"), master, "\"" + IDP + "\""));
    }

    @AfterAll
    void cleanUp() {
        city.clockSeconds(0);
        city.realm.delete();
        upstream.delete();
    }

    @Test
    void disableAccountDisablesEndsSessionsAndKeepsTheMembership() {
        String mia = managedMember("mia");
        String campaign = revoke("disable-account", "mia");
        JsonNode done = item(campaign, "mia");
        assertEquals("REMEDIATED", done.get("remediation").asText(), done.toString());
        String reason = done.get("remediation_reason").asText();
        assertTrue(reason.startsWith("managed member of organization acme: disabled the account; ended 1 session(s)"), reason);
        assertTrue(reason.contains("membership kept"), reason);
        assertFalse(user(mia).get("enabled").asBoolean(), "the account is disabled");
        assertEquals(0, city.http.get(city.realm.adminPath("/users/" + mia + "/sessions"), city.admin()).json().size());
        assertEquals("MANAGED", membershipType(mia), "the membership, and so the account, is kept");
        assertAudit("review.item.remediated", done, "disable-account", "REMEDIATED");
    }

    @Test
    void unlinkProviderRemovesTheOrganisationLinkAndSessions() {
        String max = managedMember("max");
        String campaign = revoke("unlink-provider", "max");
        JsonNode done = item(campaign, "max");
        assertEquals("REMEDIATED", done.get("remediation").asText(), done.toString());
        String reason = done.get("remediation_reason").asText();
        assertTrue(reason.startsWith("managed member of organization acme: unlinked from identity provider " + IDP + "; ended 1 session(s)"),
                reason);
        assertTrue(user(max).get("enabled").asBoolean(), "unlinking leaves the account enabled");
        assertEquals(0, city.http.get(city.realm.adminPath("/users/" + max + "/federated-identity"), city.admin()).json().size());
        assertEquals(0, city.http.get(city.realm.adminPath("/users/" + max + "/sessions"), city.admin()).json().size());
        // What Keycloak does when the link goes: nothing to the membership, which stays MANAGED.
        assertEquals("MANAGED", membershipType(max));
        assertAudit("review.item.remediated", done, "unlink-provider", "REMEDIATED");
    }

    @Test
    void manualLeavesEverythingAndReportsItForFollowUp() {
        String mo = managedMember("moe");
        String campaign = revoke("manual", "moe");
        JsonNode done = item(campaign, "moe");
        assertEquals("MANUAL", done.get("remediation").asText(), done.toString());
        assertTrue(done.get("remediation_reason").asText().contains("managed_members is manual"), done.toString());
        assertTrue(done.path("remediated_at").isMissingNode() || done.get("remediated_at").isNull(), "nothing was applied: " + done);
        assertTrue(user(mo).get("enabled").asBoolean());
        assertEquals(1, city.http.get(city.realm.adminPath("/users/" + mo + "/federated-identity"), city.admin()).json().size());
        assertEquals("MANAGED", membershipType(mo));
        JsonNode progress = city.http.get(city.reviews("/campaigns/" + campaign + "/progress"), city.reviewAdmin()).json();
        assertEquals(1, progress.at("/remediation/MANUAL").asInt(), progress.toString());
        assertTrue(progress.at("/remediation/FAILED").isMissingNode(), progress.toString());
        assertEquals(done.get("id"), progress.at("/manual_follow_up/0/id"), progress.toString());
        JsonNode report = city.http.get(city.reviews("/campaigns/" + campaign + "/report"), city.reviewAdmin()).json();
        assertTrue(report.toString().contains("\"MANUAL\":1"), report.toString());
        assertAudit("review.item.manual", done, "manual", "MANUAL");
    }

    @Test
    void anUnknownSettingIsRefusedAndNothingStored() {
        Map<String, Object> d = definition("managed-bad", "delete-account");
        ReviewRealm.error(400, "invalid_remediation_managed_members",
                city.http.postJson(city.reviews("/definitions"), city.reviewAdmin(), d));
        assertEquals(404, city.http.get(city.reviews("/definitions/managed-bad"), city.reviewAdmin()).status());
        Map<String, Object> good = definition("managed-bad", null);
        Http.Reply created = city.http.postJson(city.reviews("/definitions"), city.reviewAdmin(), good);
        assertEquals(201, created.status(), created.toString());
        assertEquals("manual", created.json().at("/remediation/managed_members").asText(), "the default is manual");
        ReviewRealm.error(400, "invalid_remediation_managed_members", city.http.putJson(city.reviews("/definitions/managed-bad"),
                city.reviewAdmin(), definition("managed-bad", 7)));
        assertEquals(created.json(), city.http.get(city.reviews("/definitions/managed-bad"), city.reviewAdmin()).json());
    }

    // ---- helpers

    /** Signs a new upstream person in through the organisation's IdP: Keycloak makes them a MANAGED member. */
    private String managedMember(String name) {
        String master = server.masterToken();
        expect(201, city.http.postJson(upstream.adminPath("/users"), master, Map.of("username", name, "enabled", true,
                "email", name + "@acme.example", "emailVerified", true, "firstName", name, "lastName", "Acme",
                "credentials", List.of(Map.of("type", "password", "value", name + "-Up-1", "temporary", false)))));
        Browser browser = new Browser(APP_REDIRECT);
        Browser.Page page = browser.open(server.baseUrl() + "/realms/" + city.realm.name() + "/protocol/openid-connect/auth?client_id="
                + APP + "&response_type=code&scope=openid&redirect_uri=" + APP_REDIRECT + "&kc_idp_hint=" + IDP);
        assertEquals(200, page.status(), page.body());
        Browser.Page done = browser.submit(page, Map.of("username", name, "password", name + "-Up-1", "credentialId", ""));
        assertTrue(done.reached(APP_REDIRECT), name + " ended at " + done.url() + " " + done.status() + " " + done.body());
        JsonNode users = city.http.get(city.realm.adminPath("/users?exact=true&username=" + name), master).json();
        assertEquals(1, users.size(), users.toString());
        String id = users.get(0).get("id").asText();
        assertEquals("MANAGED", membershipType(id));
        assertEquals(1, city.http.get(city.realm.adminPath("/users/" + id + "/sessions"), master).json().size());
        return id;
    }

    private String membershipType(String userId) {
        for (JsonNode m : city.http.get(city.realm.adminPath("/organizations/" + orgId + "/members?max=100"), server.masterToken()).json()) {
            if (m.get("id").asText().equals(userId)) {
                return m.path("membershipType").asText();
            }
        }
        return null;
    }

    private JsonNode user(String id) {
        return city.http.get(city.realm.adminPath("/users/" + id), server.masterToken()).json();
    }

    private static Map<String, Object> definition(String id, Object managedMembers) {
        Map<String, Object> d = new HashMap<>();
        d.put("id", id);
        d.put("scope", Map.of("selectors", List.of(Map.of("type", "organization", "name", "acme"))));
        d.put("reviewers", Map.of("olga", Map.of("type", "users", "users", List.of("olga"))));
        d.put("stages", List.of(Map.of("duration", "PT1H", "reviewer", "olga")));
        d.put("non_response", "NO_CHANGE");
        Map<String, Object> remediation = new HashMap<>(Map.of("mode", "AUTO"));
        if (managedMembers != null) {
            remediation.put("managed_members", managedMembers);
        }
        d.put("remediation", remediation);
        return d;
    }

    /** Launches a campaign over acme with this setting, revokes only {@code username}'s membership, closes the stage. */
    private String revoke(String setting, String username) {
        String id = "managed-" + setting;
        Http.Reply created = city.http.postJson(city.reviews("/definitions"), city.reviewAdmin(), definition(id, setting));
        assertEquals(201, created.status(), created.toString());
        assertEquals(setting, created.json().at("/remediation/managed_members").asText());
        Http.Reply launched = city.http.postJson(city.reviews("/campaigns"), city.reviewAdmin(), Map.of("definition_id", id));
        assertEquals(201, launched.status(), launched.toString());
        String campaign = launched.json().get("id").asText();
        JsonNode item = item(campaign, username);
        assertEquals("managed member", item.get("grant_path").asText(), item.toString());
        Http.Reply decided = city.http.postJson(city.reviewer("/items/" + item.get("id").asText() + "/decision"), city.token("olga"),
                Map.of("decision", "REVOKE", "comment", "left the contract"));
        assertEquals(200, decided.status(), decided.toString());
        Http.Reply closed = city.http.postJson(city.reviews("/campaigns/" + campaign + "/close-stage"), city.reviewAdmin(), Map.of());
        assertEquals(200, closed.status(), closed.toString());
        return campaign;
    }

    private JsonNode item(String campaign, String username) {
        for (JsonNode i : city.http.get(city.reviews("/campaigns/" + campaign + "/items?max=100"), city.reviewAdmin()).json()) {
            if (i.get("username").asText().equals(username)) {
                return i;
            }
        }
        throw new AssertionError("no item of " + username + " in " + campaign);
    }

    private void assertAudit(String action, JsonNode item, String setting, String result) {
        JsonNode entries = city.http.get(city.realm.adminPath("/city-iam/audit?action=" + action + "&max=100"), city.reviewAdmin()).json();
        JsonNode found = null;
        for (JsonNode e : entries) {
            if (item.get("id").asText().equals(e.path("subject").asText()) || e.toString().contains(item.get("id").asText())) {
                found = e;
            }
        }
        assertNotNull(found, action + " for " + item.get("id") + " in " + entries);
        assertEquals(setting, found.at("/payload/managed_members").asText(), found.toString());
        assertEquals(result, found.at("/payload/result").asText(), found.toString());
    }

    private static void expect(int status, Http.Reply r) {
        assertEquals(status, r.status(), r.toString());
    }
}
