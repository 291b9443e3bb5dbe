package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.KeycloakDistribution;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A sweep killed with the server (kill -9 mid-run) is taken over after a restart once its lease has expired and
 * finishes from the last committed batch: every due user is warned exactly once, none twice, none missed, and
 * the audit chain is intact.
 */
@ExtendWith(KeycloakServerExtension.class)
class CrashResumeIT {

    private static final int USERS = 10_000;

    @Test
    void aRunKilledMidwayResumesWithoutDuplicatesOrGaps(TestServer server) throws Exception {
        // Runs in CI's PostgreSQL and MariaDB passes: embedded H2 does not come back consistent from a kill.
        assumeTrue(server instanceof KeycloakDistribution k && k.survivesCrash(), "needs a server process to kill on a database that survives it");
        LifecycleRealm city = new LifecycleRealm(server, "ljcrash", false);
        try {
            Instant now = city.clock(0);
            city.realm.user("ada", "Ada-pass-1", "auditor");
            long seventyDaysAgo = now.minus(Duration.ofDays(70)).toEpochMilli();
            assertEquals(USERS, UserSeed.users(server, city.realm.realmId(), USERS, seventyDaysAgo, seventyDaysAgo));
            assertEquals(201, city.http.putJson(city.path("/policies/inactivity"), city.admin(), Map.of(
                    "warn_after", "P60D", "disable_after", "P90D", "delete_after", "P180D", "final_action", "delete",
                    "never_logged_in_grace", "P30D")).status());
            String runId = city.http.postJson(city.path("/runs"), city.admin(), Map.of("job", "inactivity")).json().get("id").asText();

            JsonNode midway = LifecycleRealm.await("run " + runId + " a few batches in", Duration.ofSeconds(120), () -> {
                JsonNode run = run(city, runId);
                return run.get("batches").asInt() >= 5 ? run : null;
            });
            assertEquals("RUNNING", midway.get("status").asText(), "killed mid-run: " + midway);
            assertTrue(midway.get("changed").asLong() < USERS, midway.toString());

            ((KeycloakDistribution) server).crashAndRestart();
            // The dead runner's lease (five minutes) has expired on the moved clock; a scheduler tick takes the run over.
            city.clock(0.01);
            JsonNode done = LifecycleRealm.await("run " + runId + " taken over and finished", Duration.ofMinutes(5), () -> {
                JsonNode run = run(city, runId);
                return run.get("status").asText().equals("DONE") ? run : null;
            });
            assertTrue(done.get("takeovers").asInt() >= 1, done.toString());

            List<Long> counts = warnings(server, city.realm.realmId());
            assertEquals(USERS, counts.get(0), "one warning per due user, none missed");
            assertEquals(USERS, counts.get(1), "and none twice");
            String auditor = city.realm.token("ada", "Ada-pass-1");
            JsonNode verify = city.http.postJson(city.realm.adminPath("/city-iam/audit/verify"), auditor, "").json();
            assertTrue(verify.get("valid").asBoolean(), verify.toString());
        } finally {
            city.clock(0);
        }
    }

    private static JsonNode run(LifecycleRealm city, String runId) {
        Http.Reply reply = city.http.get(city.path("/runs/" + runId), city.admin());
        assertEquals(200, reply.status(), "run " + runId + ": " + reply);
        return reply.json();
    }

    private static List<Long> warnings(TestServer server, String realmId) throws Exception {
        try (Connection c = server.database().orElseThrow().connect();
             PreparedStatement q = c.prepareStatement("SELECT COUNT(*), COUNT(DISTINCT USER_ID) FROM CITYIAM_LJ_NOTICE WHERE REALM_ID = ? AND ACTION = 'WARN'")) {
            q.setString(1, realmId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return List.of(rs.getLong(1), rs.getLong(2));
            }
        }
    }
}
