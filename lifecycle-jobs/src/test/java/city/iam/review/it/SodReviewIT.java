package city.iam.review.it;

import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenario S3's SoD half (research § 5, LJ-24/25): payments-approve ⊥ vendor-create. A person holding both (one of
 * them through a group) is a finding and an SoD review for the owner of payments-approve; ACCEPT is refused, an
 * exception until a date is kept, nothing new is opened while it runs, and when it ends the review job removes
 * payments-approve; the next scan resolves the finding.
 */
@ExtendWith(KeycloakServerExtension.class)
class SodReviewIT {

    @Test
    void aConflictIsReviewedAndItsExceptionRevokedAtExpiry(TestServer server) {
        ReviewRealm city = new ReviewRealm(server, "arSod");
        try {
            city.person("olga");
            city.person("nobody");
            JsonNode approve = city.createRealmRole("payments-approve", Map.of("city-iam.owner", List.of("olga")));
            JsonNode create = city.createRealmRole("vendor-create", Map.of());
            String procurement = city.createGroup("procurement", create);
            String dan = city.person("dan");
            String eve = city.person("eve");
            city.join(dan, procurement);
            city.grantRealmRole(eve, approve);
            Http.Reply defined = city.http.postJson(city.reviews("/definitions"), city.reviewAdmin(), Map.of(
                    "id", "sod-review", "scope", Map.of("selectors", List.of(Map.of("type", "realm_role", "name", "payments-approve"))),
                    "reviewers", Map.of("owner", Map.of("type", "owner")),
                    "stages", List.of(Map.of("duration", "P7D", "reviewer", "owner")),
                    "comments", "ALL", "notifications", Map.of("assignment", false)));
            assertEquals(201, defined.status(), defined.toString());

            Map<String, Object> rule = Map.of("id", "pay-vendor", "severity", "high", "definition", "sod-review",
                    "mitigation", "second approver on vendor payments",
                    "sides", List.of(Map.of("type", "realm_role", "name", "payments-approve"), Map.of("type", "realm_role", "name", "vendor-create")));
            refusesBadRules(city, rule);
            Http.Reply put = city.http.putJson(city.reviews("/sod-rules"), city.reviewAdmin(), Map.of("rules", List.of(rule)));
            assertEquals(200, put.status(), put.toString());
            assertEquals(1, put.json().get("version").asInt());

            // No conflict yet: eve holds only payments-approve, dan only vendor-create.
            city.base.runToCompletion("sod-scan");
            assertEquals(0, sodCampaigns(city).size());
            city.grantRealmRole(dan, approve);

            city.base.runToCompletion("sod-scan");
            JsonNode campaigns = sodCampaigns(city);
            assertEquals(1, campaigns.size(), campaigns.toString());
            String campaign = campaigns.get(0).get("id").asText();
            JsonNode item = only(city.http.get(city.reviews("/campaigns/" + campaign + "/items"), city.reviewAdmin()).json());
            // A one-person review has no drift: everyone else holding the side is not news.
            ReviewRealm.error(409, "drift_not_applicable", city.http.get(city.reviews("/campaigns/" + campaign + "/drift"), city.reviewAdmin()));
            assertEquals(dan, item.get("user_id").asText());
            assertEquals("payments-approve", item.get("access").asText());
            assertEquals("DENY", item.get("recommendation").asText());
            assertTrue(item.toString().contains("conflicts with realm role vendor-create (SoD rule pay-vendor, severity high)"), item.toString());
            JsonNode finding = sodFinding(city, dan);
            assertEquals("OPEN", finding.get("status").asText());
            assertEquals("5.3", finding.get("iso_control").asText(), finding.toString());

            // The owner has it; ACCEPT is refused, alone and in bulk, and nothing changes.
            JsonNode mine = only(city.http.get(city.reviewer("/my-items"), city.token("olga")).json());
            assertEquals(item.get("id").asText(), mine.get("id").asText());
            ReviewRealm.error(400, "sod_accept_refused", AccessReviewScenarioIT.decide(city, city.token("olga"), item,
                    Map.of("decision", "ACCEPT", "comment", "needed for year end")));
            // In bulk the DENY recommendation already stops it.
            ReviewRealm.error(400, "bulk_accept_refused", city.http.postJson(city.reviewer("/items/decisions"), city.token("olga"),
                    Map.of("decision", "ACCEPT", "item_ids", List.of(item.get("id").asText()), "comment", "all fine")));
            assertFalse(city.http.get(city.reviews("/campaigns/" + campaign + "/items"), city.reviewAdmin()).json().get(0).has("decision"));

            String until = Instant.parse(campaigns.get(0).get("created_at").asText()).plus(Duration.ofDays(7)).toString();
            Http.Reply excepted = AccessReviewScenarioIT.decide(city, city.token("olga"), item,
                    Map.of("decision", "EXCEPTION_UNTIL", "until", until, "comment", "year-end close, second approver in place"));
            assertEquals(200, excepted.status(), excepted.toString());
            assertEquals(200, city.http.postJson(city.reviews("/campaigns/" + campaign + "/close-stage"), city.reviewAdmin(), Map.of()).status());
            city.base.runToCompletion("sod-scan");
            assertEquals(1, sodCampaigns(city).size(), "a running exception is a conflict being looked at");
            assertTrue(city.hasEffectiveRealmRole(dan, "payments-approve"));

            city.clockSeconds(8 * 86_400);
            ReviewRealm.await("the SoD exception revoked at expiry", () -> {
                city.runReviewJob();
                JsonNode i = city.http.get(city.reviews("/campaigns/" + campaign + "/items"), city.reviewAdmin()).json().get(0);
                return i.has("remediation") ? i : null;
            });
            JsonNode revoked = city.http.get(city.reviews("/campaigns/" + campaign + "/items"), city.reviewAdmin()).json().get(0);
            assertEquals("REMEDIATED", revoked.get("remediation").asText(), revoked.toString());
            assertFalse(city.hasEffectiveRealmRole(dan, "payments-approve"));
            assertTrue(city.hasEffectiveRealmRole(dan, "vendor-create"));

            city.base.runToCompletion("sod-scan");
            assertEquals("RESOLVED", sodFinding(city, dan).get("status").asText());
            assertEquals(1, sodCampaigns(city).size(), "no conflict, no new review");

            // Rules are the review admin's: others are refused; auditors read them.
            assertEquals(403, city.http.putJson(city.reviews("/sod-rules"), city.token("nobody"), Map.of("rules", List.of())).status());
            assertEquals(403, city.http.get(city.reviews("/sod-rules"), city.token("nobody")).status());
            assertEquals(1, city.http.get(city.reviews("/sod-rules"), city.reviewAdmin()).json().get("rules").size());
        } finally {
            city.clockSeconds(0);
            city.realm.delete();
        }
    }

    private static void refusesBadRules(ReviewRealm city, Map<String, Object> rule) {
        Map<String, Object> sameSides = new java.util.HashMap<>(rule);
        sameSides.put("sides", List.of(Map.of("type", "realm_role", "name", "vendor-create"), Map.of("type", "realm_role", "name", "vendor-create")));
        ReviewRealm.error(400, "invalid_sides", put(city, sameSides));
        Map<String, Object> unknownRole = new java.util.HashMap<>(rule);
        unknownRole.put("sides", List.of(Map.of("type", "realm_role", "name", "payments-approve"), Map.of("type", "realm_role", "name", "no-such-role")));
        ReviewRealm.error(400, "unknown_access", put(city, unknownRole));
        Map<String, Object> unknownDefinition = new java.util.HashMap<>(rule);
        unknownDefinition.put("definition", "no-such-definition");
        ReviewRealm.error(400, "unknown_definition", put(city, unknownDefinition));
        Map<String, Object> badSeverity = new java.util.HashMap<>(rule);
        badSeverity.put("severity", "dire");
        ReviewRealm.error(400, "invalid_severity", put(city, badSeverity));
        ReviewRealm.error(400, "unknown_scope_type", put(city, Map.of("id", "x", "definition", "sod-review",
                "sides", List.of(Map.of("type", "planet", "name", "a"), Map.of("type", "realm_role", "name", "vendor-create")))));
        assertEquals(0, city.http.get(city.reviews("/sod-rules"), city.reviewAdmin()).json().get("rules").size(), "nothing stored");
    }

    private static Http.Reply put(ReviewRealm city, Map<String, Object> rule) {
        return city.http.putJson(city.reviews("/sod-rules"), city.reviewAdmin(), Map.of("rules", List.of(rule)));
    }

    private static JsonNode sodCampaigns(ReviewRealm city) {
        JsonNode all = city.http.get(city.reviews("/campaigns?definition=sod-review"), city.reviewAdmin()).json();
        com.fasterxml.jackson.databind.node.ArrayNode sod = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        all.forEach(c -> {
            if (c.get("triggered_by").asText().equals("sod:pay-vendor")) {
                sod.add(c);
            }
        });
        return sod;
    }

    private static JsonNode sodFinding(ReviewRealm city, String userId) {
        JsonNode findings = city.http.get(city.realm.adminPath("/lifecycle/findings?kind=sod_conflict&subject=" + userId), city.admin()).json();
        for (JsonNode f : findings) {
            if (f.get("subject_id").asText().equals(userId)) {
                return f;
            }
        }
        throw new AssertionError("no sod_conflict finding for " + userId + ": " + findings);
    }

    private static JsonNode only(JsonNode array) {
        assertEquals(1, array.size(), array.toString());
        return array.get(0);
    }
}
