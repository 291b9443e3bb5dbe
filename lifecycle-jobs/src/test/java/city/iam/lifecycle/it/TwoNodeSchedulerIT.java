package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.KeycloakDistribution;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two Keycloak nodes on one database, each with its own scheduler ticking every 5 s and no shared cache: a job
 * due every 30 s is started once per period — never twice within a period — and the runs are the same on either
 * node.
 */
class TwoNodeSchedulerIT extends ClockedLifecycleIT {

    private static final long PERIOD_MS = 30_000;

    @Test
    void aDueJobStartsOncePerPeriodAcrossTwoNodes(TestServer server) throws Exception {
        assumeTrue(server instanceof KeycloakDistribution, "needs a second server process on the same database");
        city = new LifecycleRealm(server, "ljtwo", false);
        city.clock(0);
        city.realmAttributes(Map.of("city-iam.lifecycle.hygiene-scan", "true", "city-iam.lifecycle.hygiene-interval", "PT30S"));
        try (KeycloakDistribution second = ((KeycloakDistribution) server).secondNode()) {
            Http other = second.http();
            long watchUntil = System.currentTimeMillis() + 4 * PERIOD_MS;
            while (System.currentTimeMillis() < watchUntil) {
                Thread.sleep(2_000);
            }
            List<Instant> starts = scheduledStarts(city.http, city.admin());
            assertTrue(starts.size() >= 3, "the job ran in the periods watched: " + starts);
            for (int i = 1; i < starts.size(); i++) {
                long gap = starts.get(i).toEpochMilli() - starts.get(i - 1).toEpochMilli();
                assertTrue(gap >= PERIOD_MS - 1_000, "two starts within one period: " + starts);
            }
            assertEquals(starts, scheduledStarts(other, second.masterToken()), "the other node sees the same runs");
        }
    }

    private List<Instant> scheduledStarts(Http http, String token) {
        JsonNode runs = http.get(city.path("/runs?job=hygiene&max=100"), token).json();
        return StreamSupport.stream(runs.spliterator(), false).filter(r -> r.get("triggered_by").asText().equals("schedule"))
                .map(r -> Instant.parse(r.get("started_at").asText())).sorted().toList();
    }
}
