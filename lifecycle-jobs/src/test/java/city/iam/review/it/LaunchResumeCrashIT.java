package city.iam.review.it;

import city.iam.lifecycle.it.UserSeed;
import city.iam.review.campaign.SnapshotHasher;
import city.iam.testing.KeycloakDistribution;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A run-now launch of 60 000 items killed with the server part-way: after the restart the review job takes the
 * launch over and finishes it, and the campaign is the one an uninterrupted launch of the same definition makes —
 * same items in the same order, sequence 1..n without gaps or repeats, the same snapshot hash — with the takeover
 * in the audit chain and the chain still valid.
 */
@ExtendWith(KeycloakServerExtension.class)
class LaunchResumeCrashIT {

    // A launch of 30 batches, so the kill lands between two of them.
    static final int USERS = 10_000;
    static final int ROLES = 3;

    @Test
    void aRunNowLaunchCutOffByACrashIsFinishedByTheReviewJob(TestServer server) throws Exception {
        // Runs in CI's PostgreSQL and MariaDB passes: embedded H2 does not come back consistent from a kill.
        assumeTrue(server instanceof KeycloakDistribution k && k.survivesCrash(), "needs a server process to kill on a database that survives it");
        ReviewRealm city = new ReviewRealm(server, "arResume");
        try {
            city.person("olga");
            List<String> roleIds = new ArrayList<>();
            for (int r = 0; r < ROLES; r++) {
                roleIds.add(city.createRealmRole("crash-role-" + r, Map.of("city-iam.owner", List.of("olga"))).get("id").asText());
            }
            long now = System.currentTimeMillis();
            assertEquals(USERS, UserSeed.users(server, city.realm.realmId(), USERS, now - 86_400_000L, now - 1000));
            UserSeed.rolesAndManagers(server, city.realm.realmId(), roleIds, USERS / 100);
            assertEquals(201, city.http.postJson(city.reviews("/definitions"), city.reviewAdmin(), Map.of("id", "whole",
                    "scope", Map.of("selectors", List.of(0, 1, 2).stream().map(r -> Map.of("type", "realm_role", "name", "crash-role-" + r)).toList()),
                    "reviewers", Map.of("owner", Map.of("type", "owner")),
                    "stages", List.of(Map.of("duration", "P14D", "reviewer", "owner")),
                    "notifications", Map.of("assignment", false))).status());

            // The run-now request dies with the server; nobody waits for its answer.
            String token = city.reviewAdmin();
            CompletableFuture.runAsync(() -> {
                try {
                    city.http.send(launchRequest(city, token));
                } catch (RuntimeException ignored) {
                    // the server was killed under it
                }
            });
            JsonNode midway = ReviewRealm.await("a launch with committed batches", () -> {
                JsonNode list = city.http.get(city.reviews("/campaigns?definition=whole"), token).json();
                return list.size() == 1 && list.get(0).get("status").asText().equals("LAUNCHING") && list.get(0).get("item_count").asLong() > 0
                        ? list.get(0) : null;
            });
            String id = midway.get("id").asText();
            ((KeycloakDistribution) server).crashAndRestart();

            JsonNode cutOff = city.http.get(city.reviews("/campaigns/" + id), city.reviewAdmin()).json();
            assertEquals("LAUNCHING", cutOff.get("status").asText(), "killed mid-launch: " + cutOff);
            long present = cutOff.get("item_count").asLong();
            assertTrue(present > 0 && present < (long) USERS * ROLES, cutOff.toString());
            assertEquals(present, stats(server, id)[0], "the count is committed with its batch");

            // Ten minutes without a batch is what the job reads as cut off (wall clock, as launches write it).
            setProgressAt(server, id, System.currentTimeMillis() - 11 * 60_000L);
            city.runReviewJob();

            JsonNode resumed = city.http.get(city.reviews("/campaigns/" + id), city.reviewAdmin()).json();
            assertEquals("OPEN", resumed.get("status").asText(), resumed.toString());
            long n = resumed.get("item_count").asLong();
            long[] s = stats(server, id);
            assertEquals(List.of(n, n, 1L, n), List.of(s[0], s[1], s[2], s[3]), "items, distinct seq, min seq, max seq");
            assertEquals(resumed.get("snapshot_hash").asText(), hash(server, id), "the hash is the one of the stored items in seq order");

            city.iam.testing.Http.Reply second = city.http.send(launchRequest(city, city.reviewAdmin()));
            assertEquals(201, second.status(), second.toString());
            JsonNode again = second.json();
            String other = again.get("id").asText();
            assertEquals(n, again.get("item_count").asLong(), "the same count as a launch without a crash");
            assertEquals(grants(server, other), grants(server, id), "the same grants, in the same order");
            assertEquals(again.get("snapshot_hash").asText(), resumed.get("snapshot_hash").asText());

            JsonNode takeovers = city.http.get(city.realm.adminPath("/city-iam/audit?action=review.campaign.launch-resumed"), city.reviewAdmin()).json();
            assertEquals(1, takeovers.size(), takeovers.toString());
            assertEquals(id, takeovers.get(0).get("subject").asText());
            assertEquals(present, takeovers.get(0).get("payload").get("items_present").asLong(), takeovers.toString());
            JsonNode launched = city.http.get(city.realm.adminPath("/city-iam/audit?action=review.campaign.launched"), city.reviewAdmin()).json();
            assertEquals(2, launched.size(), launched.toString());
            JsonNode verify = city.http.postJson(city.realm.adminPath("/city-iam/audit/verify"), city.reviewAdmin(), "").json();
            assertTrue(verify.get("valid").asBoolean(), verify.toString());
        } finally {
            city.realm.delete();
        }
    }

    private static HttpRequest launchRequest(ReviewRealm city, String token) {
        return city.http.request(city.reviews("/campaigns"), token).timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"definition_id\":\"whole\"}")).build();
    }

    /** Items, distinct seq values, min and max seq. */
    private static long[] stats(TestServer server, String campaign) throws Exception {
        try (Connection c = server.database().orElseThrow().connect();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COUNT(DISTINCT SEQ), MIN(SEQ), MAX(SEQ) FROM CITYIAM_AR_ITEM WHERE CAMPAIGN_ID = ?")) {
            ps.setString(1, campaign);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
            }
        }
    }

    /** (user, access, how) of every item in seq order. */
    private static List<String> grants(TestServer server, String campaign) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = server.database().orElseThrow().connect();
             PreparedStatement ps = c.prepareStatement("SELECT USER_ID, ACCESS_TYPE, ACCESS_ID, GRANT_KIND, GRANT_VIA_ID FROM CITYIAM_AR_ITEM"
                     + " WHERE CAMPAIGN_ID = ? ORDER BY CAMPAIGN_ID, SEQ")) {
            ps.setString(1, campaign);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|" + rs.getString(5));
                }
            }
        }
        return out;
    }

    /** SHA-256 over the items' canonical lines in seq order, as anyone holding the export would compute it. */
    private static String hash(TestServer server, String campaign) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (Connection c = server.database().orElseThrow().connect();
             PreparedStatement ps = c.prepareStatement("SELECT SEQ, ACCESS_ID, ACCESS_TYPE, GRANT_KIND, GRANT_PATH, GRANT_VIA_ID, USER_ID"
                     + " FROM CITYIAM_AR_ITEM WHERE CAMPAIGN_ID = ? ORDER BY CAMPAIGN_ID, SEQ")) {
            ps.setString(1, campaign);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    digest.update(SnapshotHasher.line(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7)).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void setProgressAt(TestServer server, String campaign, long progressAt) throws Exception {
        try (Connection c = server.database().orElseThrow().connect();
             PreparedStatement ps = c.prepareStatement("UPDATE CITYIAM_AR_CAMPAIGN SET PROGRESS_AT = ? WHERE ID = ? AND STATUS = 'LAUNCHING'")) {
            ps.setLong(1, progressAt);
            ps.setString(2, campaign);
            assertEquals(1, ps.executeUpdate());
        }
    }
}
