package city.iam.review.it;

import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scopes beyond roles and groups, each from launch through a REVOKE decision to verified remediation:
 * organisation membership, identity-provider links, a client's service-account roles (reviewed by the client's
 * owner) and whole accounts; then the recommendation's history reasons and the review cadence by sensitivity.
 */
@ExtendWith(KeycloakServerExtension.class)
class AccessReviewScopesIT {

    private static final long DAY = 86_400;
    private ReviewRealm city;
    private String olga;

    @BeforeEach
    void realm(TestServer server) {
        city = new ReviewRealm(server, "arScope");
        city.clockSeconds(0);
        olga = city.person("olga");
    }

    @AfterEach
    void cleanUp() {
        city.clockSeconds(0);
        city.realm.delete();
    }

    private static Map<String, Object> definition(String id, Map<String, Object> selector, String reviewer) {
        Map<String, Object> d = new HashMap<>();
        d.put("id", id);
        d.put("scope", Map.of("selectors", List.of(selector)));
        d.put("reviewers", Map.of("reviewer", reviewer.equals("owner") ? Map.of("type", "owner") : Map.of("type", "users", "users", List.of(reviewer))));
        d.put("stages", List.of(Map.of("duration", "PT1H", "reviewer", "reviewer")));
        d.put("non_response", "NO_CHANGE");
        return d;
    }

    private Http.Reply save(Map<String, Object> d) {
        return city.http.postJson(city.reviews("/definitions"), city.reviewAdmin(), d);
    }

    private String launch(Map<String, Object> d) {
        if (city.http.get(city.reviews("/definitions/" + d.get("id")), city.reviewAdmin()).status() == 404) {
            Http.Reply created = save(d);
            assertEquals(201, created.status(), created.toString());
        }
        Http.Reply launched = city.http.postJson(city.reviews("/campaigns"), city.reviewAdmin(), Map.of("definition_id", d.get("id")));
        assertEquals(201, launched.status(), launched.toString());
        return launched.json().get("id").asText();
    }

    /** Items by access name (one person per test). */
    private Map<String, JsonNode> items(String campaign) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode i : city.http.get(city.reviews("/campaigns/" + campaign + "/items"), city.reviewAdmin()).json()) {
            out.put(i.get("username").asText() + " " + i.get("access").asText(), i);
        }
        return out;
    }

    private void decide(JsonNode item, String decision) {
        Http.Reply r = city.http.postJson(city.reviewer("/items/" + item.get("id").asText() + "/decision"), city.token("olga"),
                Map.of("decision", decision, "comment", "reviewed in the scopes test"));
        assertEquals(200, r.status(), r.toString());
    }

    private void closeStage(String campaign) {
        Http.Reply r = city.http.postJson(city.reviews("/campaigns/" + campaign + "/close-stage"), city.reviewAdmin(), Map.of());
        assertEquals(200, r.status(), r.toString());
    }

    @Test
    void anOrganisationMembershipIsRevokedAndVerifiedGone() {
        String ann = city.person("ann");
        ReviewRealm.error(400, "organizations_disabled", save(definition("orgs", Map.of("type", "organization", "name", "acme"), "olga")));
        assertEquals(204, city.http.putJson(city.realm.adminPath(""), city.admin(), Map.of("organizationsEnabled", true)).status());
        Http.Reply org = city.http.postJson(city.realm.adminPath("/organizations"), city.admin(), Map.of("name", "Acme", "alias", "acme",
                "domains", List.of(Map.of("name", "acme.example"))));
        assertEquals(201, org.status(), org.toString());
        String location = org.headers().firstValue("Location").orElseThrow();
        String orgId = location.substring(location.lastIndexOf('/') + 1);
        assertEquals(201, city.http.postJson(city.realm.adminPath("/organizations/" + orgId + "/members"), city.admin(), ann).status());
        // A sensitive dataset that admits acme, as the dataset module stores it: a resource of the data platform.
        assertEquals(201, city.http.postJson(city.realm.adminPath("/clients"), city.admin(), Map.of("clientId", "city-data-platform",
                "publicClient", false, "serviceAccountsEnabled", true, "authorizationServicesEnabled", true, "secret", "dp-secret")).status());
        String platform = city.realm.clientUuid("city-data-platform");
        Http.Reply dataset = city.http.postJson(city.realm.adminPath("/clients/" + platform + "/authz/resource-server/resource"), city.admin(),
                Map.of("name", "health-records", "type", "urn:city-iam:dataset", "attributes", Map.of("sensitivity", List.of("sensitive"),
                        "ownerOrganization", List.of("acme"))));
        assertEquals(201, dataset.status(), dataset.toString());
        ReviewRealm.error(400, "unknown_organization", save(definition("orgs", Map.of("type", "organization", "name", "nope"), "olga")));
        assertEquals(404, city.http.get(city.reviews("/definitions/orgs"), city.reviewAdmin()).status(), "a refused definition is not stored");

        String campaign = launch(definition("orgs", Map.of("type", "organization", "name", "acme"), "olga"));
        JsonNode item = items(campaign).get("ann acme");
        assertEquals("organization", item.get("access_type").asText(), item.toString());
        assertEquals("MEMBER", item.get("grant_kind").asText());
        assertEquals("member", item.get("grant_path").asText());
        assertEquals(olga, item.get("reviewer_id").asText());
        assertTrue(item.get("recommendation_reasons").toString().contains("reaches sensitive data"), item.toString());
        decide(item, "REVOKE");
        closeStage(campaign);

        JsonNode done = items(campaign).get("ann acme");
        assertEquals("REMEDIATED", done.get("remediation").asText(), done.toString());
        assertEquals("removed from organization acme", done.get("remediation_reason").asText());
        assertEquals(0, city.http.get(city.realm.adminPath("/organizations/" + orgId + "/members"), city.admin()).json().size());
    }

    @Test
    void anIdentityProviderLinkIsUnlinkedAndVerified() {
        String bob = city.person("bob");
        Map<String, Object> idp = Map.of("alias", "partner-idp", "providerId", "oidc", "config", Map.of("clientId", "city",
                "clientSecret", "s3cret", "authorizationUrl", "https://idp.example/auth", "tokenUrl", "https://idp.example/token"));
        assertEquals(201, city.http.postJson(city.realm.adminPath("/identity-provider/instances"), city.admin(), idp).status());
        assertEquals(204, city.http.postJson(city.realm.adminPath("/users/" + bob + "/federated-identity/partner-idp"), city.admin(),
                Map.of("identityProvider", "partner-idp", "userId", "p-123", "userName", "bob@partner")).status());
        ReviewRealm.error(400, "unknown_identity_provider", save(definition("idp", Map.of("type", "idp_link", "name", "other"), "olga")));

        String campaign = launch(definition("idp", Map.of("type", "idp_link", "name", "partner-idp"), "olga"));
        JsonNode item = items(campaign).get("bob partner-idp");
        assertEquals("LINK", item.get("grant_kind").asText(), item.toString());
        assertEquals("linked as bob@partner at partner-idp", item.get("grant_path").asText());
        decide(item, "REVOKE");
        closeStage(campaign);

        JsonNode done = items(campaign).get("bob partner-idp");
        assertEquals("REMEDIATED", done.get("remediation").asText(), done.toString());
        assertEquals("unlinked from identity provider partner-idp", done.get("remediation_reason").asText());
        assertEquals(0, city.http.get(city.realm.adminPath("/users/" + bob + "/federated-identity"), city.admin()).json().size());
    }

    @Test
    void aServiceAccountsRolesGoToTheClientOwnerAndARevocationStillHeldThroughACompositeFails() {
        JsonNode write = city.createRealmRole("ledger-write", Map.of());
        JsonNode export = city.createRealmRole("ledger-export", Map.of());
        JsonNode all = city.createRealmRole("ledger-all", Map.of());
        city.addComposite("ledger-all", write);
        assertEquals(201, city.http.postJson(city.realm.adminPath("/clients"), city.admin(), Map.of("clientId", "etl", "publicClient", false,
                "serviceAccountsEnabled", true, "secret", "etl-secret", "attributes", Map.of("city-iam.owner", "olga"))).status());
        String etl = city.realm.clientUuid("etl");
        String sa = city.http.get(city.realm.adminPath("/clients/" + etl + "/service-account-user"), city.admin()).json().get("id").asText();
        city.grantRealmRole(sa, write);
        city.grantRealmRole(sa, export);
        city.grantRealmRole(sa, all);
        ReviewRealm.error(400, "unknown_service_account", save(definition("sa", Map.of("type", "service_account", "client", "review-ui"), "owner")));

        String campaign = launch(definition("sa", Map.of("type", "service_account", "client", "etl"), "owner"));
        Map<String, JsonNode> items = items(campaign);
        assertEquals(List.of("service-account-etl ledger-all", "service-account-etl ledger-export", "service-account-etl ledger-write"),
                items.keySet().stream().sorted().toList(), "the default role is left out");
        for (JsonNode i : items.values()) {
            assertEquals("service_account", i.get("access_type").asText());
            assertEquals("service account of client etl", i.get("grant_path").asText());
            assertEquals(olga, i.get("reviewer_id").asText(), "the client's owner reviews");
            assertEquals("owner:reviewer", i.get("reviewer_source").asText());
        }
        decide(items.get("service-account-etl ledger-write"), "REVOKE");
        decide(items.get("service-account-etl ledger-export"), "REVOKE");
        decide(items.get("service-account-etl ledger-all"), "ACCEPT");
        closeStage(campaign);

        Map<String, JsonNode> done = items(campaign);
        JsonNode export2 = done.get("service-account-etl ledger-export");
        assertEquals("REMEDIATED", export2.get("remediation").asText(), export2.toString());
        JsonNode write2 = done.get("service-account-etl ledger-write");
        assertEquals("FAILED", write2.get("remediation").asText(), write2.toString());
        assertTrue(write2.get("remediation_reason").asText().contains("still granted through composite role ledger-all"), write2.toString());
        assertFalse(city.hasEffectiveRealmRole(sa, "ledger-export"));
        assertTrue(city.hasEffectiveRealmRole(sa, "ledger-all"));
    }

    @Test
    void aWholeAccountIsDisabledWithItsSessionsEnded() {
        String cid = city.person("cid");
        String dan = city.person("dan");
        city.setAttribute(cid, "department", "finance");
        city.setAttribute(dan, "department", "parks");
        city.token("cid"); // a live session the revocation must end
        ReviewRealm.error(400, "invalid_scope", save(definition("acc", Map.of("type", "account", "attribute", "department"), "olga")));

        String campaign = launch(definition("acc", Map.of("type", "account", "attribute", "department", "value", "finance"), "olga"));
        Map<String, JsonNode> items = items(campaign);
        assertEquals(List.of("cid account"), List.copyOf(items.keySet()), items.toString());
        JsonNode item = items.get("cid account");
        assertEquals("ACCOUNT", item.get("grant_kind").asText());
        assertEquals("account with department=finance", item.get("grant_path").asText());
        decide(item, "REVOKE");
        closeStage(campaign);

        JsonNode done = items(campaign).get("cid account");
        assertEquals("REMEDIATED", done.get("remediation").asText(), done.toString());
        assertEquals("disabled the account; ended 1 session(s) and 0 offline session(s)", done.get("remediation_reason").asText());
        assertFalse(city.http.get(city.realm.adminPath("/users/" + cid), city.admin()).json().get("enabled").asBoolean());
        assertEquals(0, city.http.get(city.realm.adminPath("/users/" + cid + "/sessions"), city.admin()).json().size());
        assertTrue(city.http.get(city.realm.adminPath("/users/" + dan), city.admin()).json().get("enabled").asBoolean());
    }

    @Test
    void recommendationsCarryHistoryAndTheCadenceKeepsOnlyDueGrants() {
        String eve = city.person("eve");
        city.grantRealmRole(eve, city.createRealmRole("health-read", Map.of("city-iam.sensitivity", List.of("sensitive"))));
        city.grantRealmRole(eve, city.createRealmRole("portal-user", Map.of("city-iam.sensitivity", List.of("open"))));
        city.grantRealmRole(eve, city.createRealmRole("traffic-read", Map.of()));
        Map<String, Object> d = definition("cadence", Map.of("type", "realm_role", "name", "health-read"), "olga");
        d.put("scope", Map.of("selectors", List.of(Map.of("type", "realm_role", "name", "health-read"),
                Map.of("type", "realm_role", "name", "portal-user"), Map.of("type", "realm_role", "name", "traffic-read"))));
        d.put("cadence_by_sensitivity", Map.of("sensitive", "P90D", "open", "P365D"));
        Map<String, Object> bad = new HashMap<>(d);
        bad.put("cadence_by_sensitivity", Map.of("secret", "P90D"));
        ReviewRealm.error(400, "invalid_cadence", save(bad));

        String first = launch(d);
        Map<String, JsonNode> items = items(first);
        assertEquals(3, items.size(), items.toString());
        String reasons = items.get("eve health-read").get("recommendation_reasons").toString();
        assertTrue(reasons.contains("reaches sensitive data"), reasons);
        assertTrue(reasons.contains("grant new to this review (Keycloak records no grant time)"), reasons);
        assertTrue(reasons.contains("account younger than 30 days"), reasons);
        decide(items.get("eve health-read"), "ACCEPT");
        decide(items.get("eve portal-user"), "ACCEPT");
        decide(items.get("eve traffic-read"), "REVOKE");
        closeStage(first);
        city.grantRealmRole(eve, city.http.get(city.realm.adminPath("/roles/traffic-read"), city.admin()).json());

        // 100 days on: the sensitive grant (90 days) is due, the open one (365 days) is not; the revoked one is back.
        city.clockSeconds(100 * DAY);
        String second = launch(d);
        Map<String, JsonNode> due = items(second);
        assertEquals(List.of("eve health-read", "eve traffic-read"), due.keySet().stream().sorted().toList(), due.toString());
        String health = due.get("eve health-read").get("recommendation_reasons").toString();
        assertTrue(health.contains("last decision ACCEPT on"), health);
        assertTrue(health.contains("grant held at least 100 days"), health);
        assertTrue(health.contains("account 100 days old"), health);
        // The open grant left out as not due is not drift.
        Http.Reply drift = city.http.get(city.reviews("/campaigns/" + second + "/drift"), city.reviewAdmin());
        assertEquals(200, drift.status(), drift.toString());
        assertEquals(0, drift.json().get("added_count").asInt(), drift.toString());
        JsonNode traffic = due.get("eve traffic-read");
        assertEquals("DENY", traffic.get("recommendation").asText(), traffic.toString());
        assertTrue(traffic.get("recommendation_reasons").toString().contains("previously REVOKED on"), traffic.toString());
    }
    @Test
    void eachGrantShowsWhenItWasLastCertifiedAndIsNextDue() {
        String eve = city.person("eve");
        String fred = city.person("fred");
        city.person("aud", "auditor");
        JsonNode health = city.createRealmRole("health-read", Map.of("city-iam.sensitivity", List.of("sensitive")));
        JsonNode portal = city.createRealmRole("portal-user", Map.of("city-iam.sensitivity", List.of("open")));
        city.grantRealmRole(eve, health);
        city.grantRealmRole(eve, portal);
        city.grantRealmRole(fred, health);
        Map<String, Object> d = definition("due", Map.of("type", "realm_role", "name", "health-read"), "olga");
        d.put("scope", Map.of("selectors", List.of(Map.of("type", "realm_role", "name", "health-read"),
                Map.of("type", "realm_role", "name", "portal-user"))));
        d.put("cadence_by_sensitivity", Map.of("sensitive", "P90D", "open", "P365D"));
        String campaign = launch(d);
        Map<String, JsonNode> items = items(campaign);
        decide(items.get("eve health-read"), "ACCEPT");
        decide(items.get("fred health-read"), "REVOKE");
        closeStage(campaign);
        String accepted = items(campaign).get("eve health-read").get("decided_at").asText();
        java.time.Instant acceptedAt = java.time.Instant.parse(accepted);

        Map<String, JsonNode> grants = grants("", city.reviewAdmin());
        assertEquals(List.of("eve health-read", "eve portal-user"), grants.keySet().stream().sorted().toList(),
                "fred's revoked grant is gone: " + grants);
        JsonNode certified = grants.get("eve health-read");
        assertEquals(accepted, certified.get("last_certified_at").asText(), certified.toString());
        assertEquals(acceptedAt.plus(java.time.Duration.ofDays(90)).toString(), certified.get("certification_due_at").asText());
        assertFalse(certified.get("due").asBoolean(), certified.toString());
        assertEquals("sensitive", certified.get("sensitivity").asText());
        assertEquals("direct", certified.get("grant_path").asText());
        assertFalse(certified.get("privileged").asBoolean());
        JsonNode never = grants.get("eve portal-user");
        assertTrue(never.get("last_certified_at").isNull() && never.get("certification_due_at").isNull(), never.toString());
        assertTrue(never.get("due").asBoolean(), never.toString());

        // 100 days on the sensitive grant is due again; an auditor may read it, in pages of one in the same order.
        city.clockSeconds(100 * DAY);
        String auditor = city.token("aud");
        assertTrue(grants("", auditor).get("eve health-read").get("due").asBoolean());
        List<String> order = new java.util.ArrayList<>();
        for (JsonNode g : city.http.get(city.reviews("/definitions/due/grants"), auditor).json()) {
            order.add(g.get("username").asText() + " " + g.get("access").asText());
        }
        for (int i = 0; i < order.size(); i++) {
            JsonNode one = city.http.get(city.reviews("/definitions/due/grants?first=" + i + "&max=1"), auditor).json();
            assertEquals(1, one.size(), one.toString());
            assertEquals(order.get(i), one.get(0).get("username").asText() + " " + one.get(0).get("access").asText());
        }
        assertEquals(0, city.http.get(city.reviews("/definitions/due/grants?first=5"), auditor).json().size());

        ReviewRealm.error(403, "forbidden", city.http.get(city.reviews("/definitions/due/grants"), city.token("eve")));
        for (String bad : List.of("first=-1", "max=0", "max=201", "max=ten", "first=x")) {
            ReviewRealm.error(400, "invalid_paging", city.http.get(city.reviews("/definitions/due/grants?" + bad), auditor));
        }
        assertEquals(404, city.http.get(city.reviews("/definitions/nope/grants"), auditor).status());
    }

    private Map<String, JsonNode> grants(String query, String token) {
        Http.Reply r = city.http.get(city.reviews("/definitions/due/grants" + query), token);
        assertEquals(200, r.status(), r.toString());
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode g : r.json()) {
            out.put(g.get("username").asText() + " " + g.get("access").asText(), g);
        }
        return out;
    }
}
