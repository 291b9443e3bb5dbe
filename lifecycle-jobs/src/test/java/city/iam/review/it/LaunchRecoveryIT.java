package city.iam.review.it;

import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A scheduled launch cut off by a crash: its campaign row stays {@code LAUNCHING} with the batches committed so
 * far. The test makes that state from a finished launch (the row set back to LAUNCHING and its last item removed,
 * as a crash between two batches leaves it), then checks the review job leaves a launch that is still making
 * progress alone, finishes a silent one into the same snapshot, and removes one it cannot finish (its definition
 * deleted) with the reason in the audit entry. {@code LaunchResumeCrashIT} kills a real launch.
 */
@ExtendWith(KeycloakServerExtension.class)
class LaunchRecoveryIT {

    @Test
    void aLaunchCutOffByACrashIsRemovedAndItsPeriodLaunchedAgain(TestServer server) throws Exception {
        ReviewRealm city = new ReviewRealm(server, "arRecover");
        try {
            city.person("olga");
            JsonNode role = city.createRealmRole("meter-reader", Map.of("city-iam.owner", List.of("olga")));
            for (String name : List.of("ann", "bob", "cem")) {
                city.grantRealmRole(city.person(name), role);
            }
            assertEquals(201, city.http.postJson(city.reviews("/definitions"), city.reviewAdmin(), Map.of(
                    "id", "monthly", "scope", Map.of("selectors", List.of(Map.of("type", "realm_role", "name", "meter-reader"))),
                    "reviewers", Map.of("owner", Map.of("type", "owner")),
                    "stages", List.of(Map.of("duration", "P14D", "reviewer", "owner")),
                    "notifications", Map.of("assignment", false),
                    "recurrence", Map.of("every", "P30D", "starts_at", Instant.now().minusSeconds(3600).toString()))).status());
            city.runReviewJob();
            JsonNode first = onlyCampaign(city);
            assertEquals("OPEN", first.get("status").asText());
            assertEquals(3, first.get("item_count").asInt());
            String cutOff = first.get("id").asText();

            // Still making progress: left alone, and no reviewer sees its items meanwhile.
            launching(server, cutOff, System.currentTimeMillis());
            city.runReviewJob();
            assertEquals("LAUNCHING", city.http.get(city.reviews("/campaigns/" + cutOff), city.reviewAdmin()).json().get("status").asText());
            assertEquals(0, city.http.get(city.reviewer("/my-items"), city.token("olga")).json().size());
            assertEquals(409, decide(city, server, cutOff).status(), "no decision on a launching campaign");

            // Silent for longer than a launch between two batches can be, one item short: finished by the job.
            dropLastItem(server, cutOff);
            launching(server, cutOff, System.currentTimeMillis() - 11 * 60_000);
            city.runReviewJob();
            JsonNode resumed = onlyCampaign(city);
            assertEquals(cutOff, resumed.get("id").asText());
            assertEquals("OPEN", resumed.get("status").asText());
            assertEquals(3, resumed.get("item_count").asInt());
            assertEquals(3, items(server, cutOff));
            assertEquals(first.get("snapshot_hash").asText(), resumed.get("snapshot_hash").asText(), "same population, same snapshot");
            assertEquals(3, city.http.get(city.reviewer("/my-items"), city.token("olga")).json().size());
            JsonNode taken = city.http.get(city.realm.adminPath("/city-iam/audit?action=review.campaign.launch-resumed"), city.reviewAdmin()).json();
            assertEquals(1, taken.size(), taken.toString());
            assertEquals(cutOff, taken.get(0).get("subject").asText());
            assertEquals(2, taken.get(0).get("payload").get("items_present").asInt(), taken.toString());

            // Its definition deleted meanwhile: nothing to finish it for, so it is removed as before, saying why.
            launching(server, cutOff, System.currentTimeMillis() - 11 * 60_000);
            assertEquals(204, city.http.delete(city.reviews("/definitions/monthly"), city.reviewAdmin()).status());
            city.runReviewJob();
            assertEquals(404, city.http.get(city.reviews("/campaigns/" + cutOff), city.reviewAdmin()).status());
            assertEquals(0, items(server, cutOff));
            JsonNode discarded = city.http.get(city.realm.adminPath("/city-iam/audit?action=review.campaign.launch-discarded"), city.reviewAdmin()).json();
            assertEquals(1, discarded.size(), discarded.toString());
            assertEquals(cutOff, discarded.get(0).get("subject").asText());
            assertEquals(3, discarded.get(0).get("payload").get("items_removed").asInt(), discarded.toString());
            assertEquals("its definition was deleted", discarded.get(0).get("payload").get("reason").asText(), discarded.toString());
            JsonNode verify = city.http.postJson(city.realm.adminPath("/city-iam/audit/verify"), city.reviewAdmin(), "").json();
            assertEquals(true, verify.get("valid").asBoolean(), verify.toString());
        } finally {
            city.realm.delete();
        }
    }

    private static JsonNode onlyCampaign(ReviewRealm city) {
        JsonNode campaigns = city.http.get(city.reviews("/campaigns?definition=monthly"), city.reviewAdmin()).json();
        assertEquals(1, campaigns.size(), campaigns.toString());
        return campaigns.get(0);
    }

    private static city.iam.testing.Http.Reply decide(ReviewRealm city, TestServer server, String campaign) throws Exception {
        String item;
        try (Connection c = server.database().orElseThrow().connect();
             PreparedStatement ps = c.prepareStatement("SELECT ID FROM CITYIAM_AR_ITEM WHERE CAMPAIGN_ID = ? ORDER BY SEQ")) {
            ps.setString(1, campaign);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                item = rs.getString(1);
            }
        }
        return city.http.postJson(city.reviewer("/items/" + item + "/decision"), city.token("olga"), Map.of("decision", "ACCEPT"));
    }

    private static void launching(TestServer server, String campaign, long progressAt) throws Exception {
        try (Connection c = server.database().orElseThrow().connect();
             PreparedStatement ps = c.prepareStatement("UPDATE CITYIAM_AR_CAMPAIGN SET STATUS = 'LAUNCHING', PROGRESS_AT = ? WHERE ID = ?")) {
            ps.setLong(1, progressAt);
            ps.setString(2, campaign);
            assertEquals(1, ps.executeUpdate());
        }
    }

    private static void dropLastItem(TestServer server, String campaign) throws Exception {
        try (Connection c = server.database().orElseThrow().connect();
             PreparedStatement del = c.prepareStatement("DELETE FROM CITYIAM_AR_ITEM WHERE CAMPAIGN_ID = ? AND SEQ = 3");
             PreparedStatement count = c.prepareStatement("UPDATE CITYIAM_AR_CAMPAIGN SET ITEM_COUNT = 2, SNAPSHOT_HASH = NULL WHERE ID = ?")) {
            del.setString(1, campaign);
            assertEquals(1, del.executeUpdate());
            count.setString(1, campaign);
            assertEquals(1, count.executeUpdate());
        }
    }

    private static int items(TestServer server, String campaign) throws Exception {
        try (Connection c = server.database().orElseThrow().connect();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM CITYIAM_AR_ITEM WHERE CAMPAIGN_ID = ?")) {
            ps.setString(1, campaign);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
