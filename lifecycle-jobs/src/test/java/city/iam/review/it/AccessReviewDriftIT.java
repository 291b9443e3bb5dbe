package city.iam.review.it;

import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drift alerts: the drift scan raises one {@code review_drift} finding per open campaign whose scope changed since
 * its snapshot, posts the counts to the definition's webhook once per change, and resolves the finding once the
 * campaign is closed.
 */
@ExtendWith(KeycloakServerExtension.class)
class AccessReviewDriftIT {

    private ReviewRealm city;

    @BeforeEach
    void realm(TestServer server) {
        city = new ReviewRealm(server, "arDrift");
        city.clockSeconds(0);
    }

    @AfterEach
    void cleanUp() {
        city.clockSeconds(0);
        city.realm.delete();
    }

    @Test
    void grantsChangedMidCampaignRaiseAFindingAndOneWebhookPostPerChange() throws IOException {
        try (WebhookSink hook = new WebhookSink()) {
            List<JsonNode> posted = hook.posted();
            city.person("olga");
            String ada = city.person("ada");
            String bob = city.person("bob");
            JsonNode role = city.createRealmRole("permits-admin", Map.of("city-iam.owner", List.of("olga")));
            city.grantRealmRole(ada, role);
            Map<String, Object> definition = Map.of("id", "permits",
                    "scope", Map.of("selectors", List.of(Map.of("type", "realm_role", "name", "permits-admin"))),
                    "reviewers", Map.of("owner", Map.of("type", "owner")),
                    "stages", List.of(Map.of("duration", "P7D", "reviewer", "owner")),
                    "non_response", "NO_CHANGE",
                    "notifications", Map.of("assignment", false, "webhook", hook.url()));
            assertEquals(201, city.http.postJson(city.reviews("/definitions"), city.reviewAdmin(), definition).status());
            Http.Reply launched = city.http.postJson(city.reviews("/campaigns"), city.reviewAdmin(), Map.of("definition_id", "permits"));
            assertEquals(201, launched.status(), launched.toString());
            String campaign = launched.json().get("id").asText();

            // Nothing changed: the scan raises nothing.
            city.base.runToCompletion("review-drift");
            assertEquals(0, findings().size(), findings().toString());
            assertTrue(posted.isEmpty(), posted.toString());

            // bob gets the role mid-campaign: the campaign will not review it, and says so unasked.
            city.grantRealmRole(bob, role);
            city.base.runToCompletion("review-drift");
            JsonNode finding = only(findings());
            assertEquals(campaign, finding.get("subject_id").asText(), finding.toString());
            assertEquals("campaign", finding.get("subject_type").asText());
            assertEquals("OPEN", finding.get("status").asText());
            assertTrue(finding.get("detail").asText().startsWith("1 grant(s) of the scope added"), finding.toString());
            assertEquals(1, posted.size(), posted.toString());
            JsonNode post = posted.get(0);
            assertEquals("review.drift", post.get("event").asText());
            assertEquals(campaign, post.get("campaign_id").asText());
            assertEquals(1, post.get("added_count").asInt());
            assertEquals(0, post.get("removed_count").asInt());
            assertFalse(post.toString().contains("bob"), "webhooks name no reviewed person: " + post);
            JsonNode audit = city.http.get(city.realm.adminPath("/city-iam/audit?action=lifecycle.finding.opened"), city.reviewAdmin()).json();
            assertTrue(audit.toString().contains("review_drift"), audit.toString());

            // The same drift found again is not news; a further change is.
            city.base.runToCompletion("review-drift");
            assertEquals(1, posted.size(), posted.toString());
            // ada's frozen grant goes outside the review: her account is deleted.
            Http.Reply removed = city.http.delete(city.realm.adminPath("/users/" + ada), city.admin());
            assertEquals(204, removed.status(), removed.toString());
            city.base.runToCompletion("review-drift");
            finding = only(findings());
            assertTrue(finding.get("detail").asText().contains("1 frozen grant(s) removed"), finding.toString());
            assertEquals(2, posted.size(), posted.toString());
            assertEquals(1, posted.get(1).get("removed_count").asInt());

            // Closed, the campaign has no drift to report: the next scan resolves the finding.
            Http.Reply closed = city.http.postJson(city.reviews("/campaigns/" + campaign + "/close-stage"), city.reviewAdmin(), Map.of());
            assertEquals(200, closed.status(), closed.toString());
            city.base.runToCompletion("review-drift");
            assertEquals("RESOLVED", only(findings()).get("status").asText());
        }
    }

    private JsonNode findings() {
        Http.Reply r = city.http.get(city.realm.adminPath("/lifecycle/findings?kind=review_drift"), city.admin());
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    private static JsonNode only(JsonNode list) {
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }
}
