package city.iam.review.it;

import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What happens after the decisions: verification that reports a revocation which did not take effect, the
 * blast-radius cap, an exception revoked when it expires, and a recurring definition launched once per period.
 */
@ExtendWith(KeycloakServerExtension.class)
class AccessReviewRemediationIT {

    private ReviewRealm city;

    @BeforeEach
    void realm(TestServer server) {
        city = new ReviewRealm(server, "arRem");
        city.clockSeconds(0);
    }

    @AfterEach
    void cleanUp() {
        city.clockSeconds(0);
        city.realm.delete();
    }

    private static Map<String, Object> definition(String id, String role, String nonResponse, Map<String, Object> extra) {
        Map<String, Object> d = new HashMap<>();
        d.put("id", id);
        d.put("scope", Map.of("selectors", List.of(Map.of("type", "realm_role", "name", role))));
        d.put("reviewers", Map.of("owner", Map.of("type", "owner")));
        d.put("stages", List.of(Map.of("duration", "PT1H", "reviewer", "owner")));
        d.put("non_response", nonResponse);
        d.putAll(extra);
        return d;
    }

    /** A realm role owned by olga (created here), granted directly to the given users. */
    private JsonNode ownedRole(String name, String... userIds) {
        city.person("olga");
        JsonNode role = city.createRealmRole(name, Map.of("city-iam.owner", List.of("olga")));
        for (String id : userIds) {
            city.grantRealmRole(id, role);
        }
        return role;
    }

    private JsonNode launch(Map<String, Object> definition) {
        Http.Reply created = city.http.postJson(city.reviews("/definitions"), city.reviewAdmin(), definition);
        assertEquals(201, created.status(), created.toString());
        Http.Reply launched = city.http.postJson(city.reviews("/campaigns"), city.reviewAdmin(), Map.of("definition_id", definition.get("id")));
        assertEquals(201, launched.status(), launched.toString());
        return launched.json();
    }

    private JsonNode closeStage(String campaign) {
        Http.Reply r = city.http.postJson(city.reviews("/campaigns/" + campaign + "/close-stage"), city.reviewAdmin(), Map.of());
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    @Test
    void aRevocationStillHeldThroughAGroupIsReportedFailedWithTheGroup() {
        String dave = city.person("dave");
        JsonNode role = ownedRole("ops-admin", dave);
        city.join(dave, city.createGroup("ops", role));

        JsonNode campaign = launch(definition("ops", "ops-admin", "REVOKE", Map.of("remediation", Map.of("leave_groups", false))));
        assertEquals(2, campaign.get("item_count").asInt());
        assertEquals("CLOSED", closeStage(campaign.get("id").asText()).get("status").asText());

        Map<String, JsonNode> items = AccessReviewScenarioIT.items(city, city.reviewAdmin(), campaign.get("id").asText());
        JsonNode direct = items.get("dave direct");
        assertEquals("FAILED", direct.get("remediation").asText(), direct.toString());
        assertTrue(direct.get("remediation_reason").asText().contains("still granted through group /ops"), direct.toString());
        JsonNode viaGroup = items.get("dave group /ops");
        assertEquals("FAILED", viaGroup.get("remediation").asText(), viaGroup.toString());
        assertTrue(viaGroup.get("remediation_reason").asText().contains("leave_groups is off"), viaGroup.toString());
        // Progress lists the failures with their reasons.
        JsonNode progress = city.http.get(city.reviews("/campaigns/" + campaign.get("id").asText() + "/progress"), city.reviewAdmin()).json();
        assertEquals(2, progress.get("remediation").get("FAILED").asInt(), progress.toString());
        assertEquals(2, progress.get("failures").size(), progress.toString());
        assertTrue(progress.get("failures").findValuesAsText("remediation_reason").stream().anyMatch(r -> r.contains("still granted through group /ops")),
                progress.toString());
        assertEquals(0, progress.get("overdue").asInt(), progress.toString());
        assertTrue(city.hasEffectiveRealmRole(dave, "ops-admin"));
        assertTrue(city.inGroup(dave, "ops"));
    }

    @Test
    void effectiveAccessFollowsCompositesAndNestedGroups() {
        String ivy = city.person("ivy");
        String joe = city.person("joe");
        String kim = city.person("kim");
        JsonNode ledger = ownedRole("ledger-read");
        JsonNode all = city.createRealmRole("finance-all", Map.of());
        city.addComposite("finance-all", ledger);
        city.grantRealmRole(ivy, all);
        String fin = city.createGroup("fin", ledger);
        city.join(joe, city.createSubgroup(fin, "ap"));
        city.join(kim, city.createGroup("sup", all));

        JsonNode campaign = launch(definition("ledger", "ledger-read", "REVOKE", Map.of()));
        Map<String, JsonNode> items = AccessReviewScenarioIT.items(city, city.reviewAdmin(), campaign.get("id").asText());
        assertEquals("composite role finance-all", items.get("ivy composite").get("grant_path").asText(), items.toString());
        assertEquals("group /fin/ap (inherits from /fin)", items.get("joe group /fin/ap (inherits from /fin)").get("grant_path").asText());
        assertEquals("group /sup through composite role finance-all",
                items.get("kim group /sup through composite role finance-all").get("grant_path").asText());
        assertEquals(3, items.size(), items.toString());

        // A grant added after the launch is reported as drift, not slipped into the frozen population.
        city.grantRealmRole(city.person("lee"), ledger);
        Http.Reply drift = city.http.get(city.reviews("/campaigns/" + campaign.get("id").asText() + "/drift"), city.reviewAdmin());
        assertEquals(200, drift.status(), drift.toString());
        assertEquals(1, drift.json().get("added_count").asInt(), drift.toString());
        assertEquals("lee", drift.json().get("added").get(0).get("username").asText());
        assertEquals(0, drift.json().get("removed_count").asInt(), drift.toString());

        closeStage(campaign.get("id").asText());
        Map<String, JsonNode> done = AccessReviewScenarioIT.items(city, city.reviewAdmin(), campaign.get("id").asText());
        JsonNode ivyItem = done.get("ivy composite");
        assertEquals("FAILED", ivyItem.get("remediation").asText(), ivyItem.toString());
        assertTrue(ivyItem.get("remediation_reason").asText().contains("still granted through composite role finance-all"), ivyItem.toString());
        assertEquals("REMEDIATED", done.get("joe group /fin/ap (inherits from /fin)").get("remediation").asText());
        assertEquals("REMEDIATED", done.get("kim group /sup through composite role finance-all").get("remediation").asText());
        assertTrue(city.hasEffectiveRealmRole(ivy, "ledger-read"));
        assertTrue(!city.hasEffectiveRealmRole(joe, "ledger-read") && !city.inGroup(joe, "ap"));
        assertTrue(!city.hasEffectiveRealmRole(kim, "ledger-read") && !city.inGroup(kim, "sup"));
    }

    @Test
    void clientRolesAndGroupMembershipsAreReviewedAndRemoved() {
        city.person("olga");
        String mia = city.person("mia");
        String ned = city.person("ned");
        String oli = city.person("oli");
        assertEquals(201, city.http.postJson(city.realm.adminPath("/clients"), city.admin(), Map.of("clientId", "erp")).status());
        String erp = city.realm.clientUuid("erp");
        assertEquals(201, city.http.postJson(city.realm.adminPath("/clients/" + erp + "/roles"), city.admin(), Map.of("name", "approve")).status());
        JsonNode approve = city.http.get(city.realm.adminPath("/clients/" + erp + "/roles/approve"), city.admin()).json();
        assertEquals(204, city.http.postJson(city.realm.adminPath("/users/" + mia + "/role-mappings/clients/" + erp), city.admin(),
                List.of(approve)).status());
        String tenants = city.createGroup("tenants", null);
        city.join(ned, tenants);
        city.join(oli, city.createSubgroup(tenants, "a"));

        Map<String, Object> d = definition("mixed", "unused", "REVOKE", Map.of("fallback_reviewer", "olga"));
        d.put("scope", Map.of("selectors", List.of(Map.of("type", "client_role", "client", "erp", "name", "approve"),
                Map.of("type", "group", "path", "/tenants"))));
        JsonNode campaign = launch(d);
        Map<String, JsonNode> items = AccessReviewScenarioIT.items(city, city.reviewAdmin(), campaign.get("id").asText());
        assertEquals(3, items.size(), items.toString());
        assertEquals("erp/approve", items.get("mia direct").get("access").asText());
        assertEquals("/tenants", items.get("ned member").get("access").asText());
        assertEquals("member of subgroup /tenants/a", items.get("oli subgroup").get("grant_path").asText());

        closeStage(campaign.get("id").asText());
        for (JsonNode i : AccessReviewScenarioIT.items(city, city.reviewAdmin(), campaign.get("id").asText()).values()) {
            assertEquals("REMEDIATED", i.path("remediation").asText(), i.toString());
        }
        assertEquals(0, city.http.get(city.realm.adminPath("/users/" + mia + "/role-mappings/clients/" + erp + "/composite"),
                city.admin()).json().size());
        assertTrue(!city.inGroup(ned, "tenants") && !city.inGroup(oli, "a"));
    }

    @Test
    void aReductionKeepsANarrowerRoleTheAccessContainedAndIsVerified() {
        String dave = city.person("dave");
        String erin = city.person("erin");
        JsonNode viewer = city.createRealmRole("fin-viewer", Map.of());
        ownedRole("fin-admin", dave);
        city.addComposite("fin-admin", viewer);
        JsonNode treasuryRead = city.createRealmRole("treasury-read", Map.of());
        city.createRealmRole("ops-admin", Map.of());
        city.join(erin, city.createGroup("treasury", treasuryRead));

        Map<String, Object> d = definition("reduce", "fin-admin", "NO_CHANGE", Map.of("fallback_reviewer", "olga"));
        d.put("scope", Map.of("selectors", List.of(Map.of("type", "realm_role", "name", "fin-admin"), Map.of("type", "group", "path", "/treasury"))));
        String campaign = launch(d).get("id").asText();
        Map<String, JsonNode> items = AccessReviewScenarioIT.items(city, city.reviewAdmin(), campaign);
        String daveAdmin = items.get("dave direct").get("id").asText();
        String erinTreasury = items.get("erin member").get("id").asText();
        String olga = city.token("olga");
        String decide = city.reviewer("/items/" + daveAdmin + "/decision");

        ReviewRealm.error(400, "invalid_reduce_to", city.http.postJson(decide, olga, Map.of("decision", "REDUCE", "reduce_to", "ops-admin",
                "comment", "read only")));
        ReviewRealm.error(400, "invalid_reduce_to", city.http.postJson(decide, olga, Map.of("decision", "REDUCE", "reduce_to", "fin-admin",
                "comment", "read only")));
        ReviewRealm.error(400, "invalid_reduce_to", city.http.postJson(decide, olga, Map.of("decision", "REDUCE", "reduce_to", "nope/nothing",
                "comment", "read only")));
        ReviewRealm.error(400, "missing_field", city.http.postJson(decide, olga, Map.of("decision", "REDUCE", "comment", "read only")));
        ReviewRealm.error(400, "comment_required", city.http.postJson(decide, olga, Map.of("decision", "REDUCE", "reduce_to", "fin-viewer")));
        ReviewRealm.error(400, "invalid_reduce_to", city.http.postJson(decide, olga, Map.of("decision", "ACCEPT", "reduce_to", "fin-viewer",
                "comment", "keep")));
        assertTrue(!AccessReviewScenarioIT.items(city, city.reviewAdmin(), campaign).get("dave direct").hasNonNull("decision"), "refusals store nothing");

        Http.Reply reduced = city.http.postJson(decide, olga, Map.of("decision", "REDUCE", "reduce_to", "fin-viewer", "comment", "Reads reports only"));
        assertEquals(200, reduced.status(), reduced.toString());
        assertEquals("fin-viewer", reduced.json().get("reduce_to").asText());
        assertEquals(200, city.http.postJson(city.reviewer("/items/" + erinTreasury + "/decision"), olga, Map.of("decision", "REDUCE",
                "reduce_to", "treasury-read", "comment", "No longer in the treasury team")).status());

        closeStage(campaign);
        items = AccessReviewScenarioIT.items(city, city.reviewAdmin(), campaign);
        for (JsonNode i : items.values()) {
            assertEquals("REDUCE", i.get("outcome").asText(), i.toString());
            assertEquals("REMEDIATED", i.get("remediation").asText(), i.toString());
        }
        assertTrue(items.get("dave direct").get("remediation_reason").asText().contains("granted fin-viewer directly"), items.toString());
        assertTrue(!city.hasEffectiveRealmRole(dave, "fin-admin") && city.hasEffectiveRealmRole(dave, "fin-viewer"));
        assertTrue(!city.inGroup(erin, "treasury") && city.hasEffectiveRealmRole(erin, "treasury-read"));
        String csv = city.http.get(city.reviews("/campaigns/" + campaign + "/report?format=csv"), city.reviewAdmin()).body();
        assertTrue(csv.lines().findFirst().orElseThrow().contains(",reduce_to,") && csv.contains("fin-viewer"), csv);
    }

    @Test
    void theBlastRadiusCapHoldsBackRevocationsNobodyDecided() {
        String erin = city.person("erin");
        String fay = city.person("fay");
        ownedRole("crm-admin", erin, fay);

        JsonNode campaign = launch(definition("crm", "crm-admin", "REVOKE", Map.of("blast_radius", Map.of("max_auto_revoke_percent", 40))));
        closeStage(campaign.get("id").asText());
        for (JsonNode i : city.http.get(city.reviews("/campaigns/" + campaign.get("id").asText() + "/items"), city.reviewAdmin()).json()) {
            assertEquals("NO_CHANGE", i.get("outcome").asText(), i.toString());
            assertTrue(i.get("outcome_reason").asText().contains("blast-radius cap"), i.toString());
        }
        assertTrue(city.hasEffectiveRealmRole(erin, "crm-admin"));
        assertTrue(city.hasEffectiveRealmRole(fay, "crm-admin"));
    }

    @Test
    void anExceptionIsRevokedWhenItExpires() {
        String gus = city.person("gus");
        ownedRole("pay-admin", gus);
        JsonNode campaign = launch(definition("pay", "pay-admin", "NO_CHANGE", Map.of()));
        String id = campaign.get("id").asText();
        JsonNode item = city.http.get(city.reviews("/campaigns/" + id + "/items"), city.reviewAdmin()).json().get(0);
        String until = Instant.parse(campaign.get("created_at").asText()).plus(Duration.ofDays(1)).toString();
        Http.Reply decided = AccessReviewScenarioIT.decide(city, city.token("olga"), item,
                Map.of("decision", "EXCEPTION_UNTIL", "until", until, "comment", "covers the year-end run"));
        assertEquals(200, decided.status(), decided.toString());
        closeStage(id);
        JsonNode excepted = city.http.get(city.reviews("/campaigns/" + id + "/items"), city.reviewAdmin()).json().get(0);
        assertEquals("EXCEPTION", excepted.get("outcome").asText(), excepted.toString());
        assertTrue(city.hasEffectiveRealmRole(gus, "pay-admin"));

        city.clockSeconds(2 * 86_400);
        ReviewRealm.await("the expired exception revoked", () -> {
            city.runReviewJob();
            JsonNode i = city.http.get(city.reviews("/campaigns/" + id + "/items"), city.reviewAdmin()).json().get(0);
            return i.has("remediation") ? i : null;
        });
        JsonNode revoked = city.http.get(city.reviews("/campaigns/" + id + "/items"), city.reviewAdmin()).json().get(0);
        assertEquals("REMEDIATED", revoked.get("remediation").asText(), revoked.toString());
        assertTrue(!city.hasEffectiveRealmRole(gus, "pay-admin"));
        JsonNode audit = city.http.get(city.realm.adminPath("/city-iam/audit?action=review.exception.expired"), city.reviewAdmin()).json();
        assertEquals(1, audit.size(), audit.toString());
    }

    @Test
    void aRecurringDefinitionIsLaunchedOncePerPeriod() {
        ownedRole("wiki-admin", city.person("hal"));
        Http.Reply created = city.http.postJson(city.reviews("/definitions"), city.reviewAdmin(),
                definition("wiki", "wiki-admin", "NO_CHANGE", Map.of("recurrence", Map.of("every", "P1D"))));
        assertEquals(201, created.status(), created.toString());

        city.runReviewJob();
        city.runReviewJob();
        JsonNode campaigns = city.http.get(city.reviews("/campaigns?definition=wiki"), city.reviewAdmin()).json();
        assertEquals(1, campaigns.size(), campaigns.toString());
        assertEquals("0", campaigns.get(0).get("period").asText());
        assertTrue(campaigns.get(0).get("triggered_by").asText().startsWith("schedule"), campaigns.toString());

        city.clockSeconds(86_400 + 60);
        city.runReviewJob();
        city.runReviewJob();
        campaigns = city.http.get(city.reviews("/campaigns?definition=wiki"), city.reviewAdmin()).json();
        assertEquals(2, campaigns.size(), campaigns.toString());
        assertEquals("1", campaigns.get(0).get("period").asText());
        // The first period's campaign passed its one-hour deadline meanwhile and was closed by the same job.
        assertEquals("CLOSED", campaigns.get(1).get("status").asText(), campaigns.toString());
    }
}
