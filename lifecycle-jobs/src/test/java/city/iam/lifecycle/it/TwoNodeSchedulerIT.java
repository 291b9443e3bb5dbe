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
 * Two Keycloak nodes on one PostgreSQL database, each with its own scheduler ticking every 5 s and no shared cache: a job
 * due every 30 s is started once per period — never twice within a period — and the runs are the same on either
 * node; a recurring access review whose first period begins while both nodes run is launched exactly once.
 */
class TwoNodeSchedulerIT extends ClockedLifecycleIT {

    private static final long PERIOD_MS = 30_000;

    @Test
    void aDueJobStartsOncePerPeriodAcrossTwoNodes(TestServer server) throws Exception {
        assumeTrue(server instanceof KeycloakDistribution, "needs a second server process on the same database");
        // A cluster runs on a server database; the CI run on PostgreSQL covers it (-Dcityiam.test.db=postgres),
        // or force it on another database with -Dcityiam.test.two-nodes=true.
        assumeTrue(Boolean.getBoolean("cityiam.test.two-nodes")
                || server.database().map(d -> d.vendor().equals("postgres")).orElse(false), "two-node test runs on PostgreSQL");
        city = new LifecycleRealm(server, "ljtwo", false);
        city.clock(0);
        city.realmAttributes(Map.of("city-iam.lifecycle.hygiene-scan", "true", "city-iam.lifecycle.hygiene-interval", "PT30S"));
        city.realm.user("rex", "Rex-pass-1", "review-admin");
        Instant firstPeriod = reviewStartingLater(city.realm.token("rex", "Rex-pass-1"));
        try (KeycloakDistribution second = ((KeycloakDistribution) server).secondNode()) {
            Http other = second.http();
            long watchUntil = Math.max(System.currentTimeMillis() + 4 * PERIOD_MS, firstPeriod.toEpochMilli() + 90_000);
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
            JsonNode campaigns = city.http.get(city.realm.adminPath("/access-reviews/campaigns?definition=two-node"),
                    city.realm.token("rex", "Rex-pass-1")).json();
            assertEquals(1, campaigns.size(), "one launch for the period: " + campaigns);
        }
    }

    /** A role held by one user, reviewed every hour from two minutes from now (after the second node is up). */
    private Instant reviewStartingLater(String reviewAdmin) {
        Http http = city.http;
        assertEquals(201, http.postJson(city.realm.adminPath("/roles"), city.admin(), Map.of("name", "meter-reader")).status());
        String holder = city.realm.user("holly", "Holly-pass-1");
        JsonNode role = http.get(city.realm.adminPath("/roles/meter-reader"), city.admin()).json();
        assertEquals(204, http.postJson(city.realm.adminPath("/users/" + holder + "/role-mappings/realm"), city.admin(), List.of(role)).status());
        Instant startsAt = Instant.now().plusSeconds(120);
        Http.Reply r = http.postJson(city.realm.adminPath("/access-reviews/definitions"), reviewAdmin, Map.of(
                "id", "two-node", "name", "Two-node review",
                "scope", Map.of("selectors", List.of(Map.of("type", "realm_role", "name", "meter-reader"))),
                "reviewers", Map.of("rex", Map.of("type", "users", "users", List.of("rex"))),
                "stages", List.of(Map.of("name", "only", "duration", "P7D", "reviewer", "rex")),
                "recurrence", Map.of("every", "PT1H", "starts_at", startsAt.toString())));
        assertEquals(201, r.status(), r.toString());
        return startsAt;
    }

    private List<Instant> scheduledStarts(Http http, String token) {
        JsonNode runs = http.get(city.path("/runs?job=hygiene&max=100"), token).json();
        return StreamSupport.stream(runs.spliterator(), false).filter(r -> r.get("triggered_by").asText().equals("schedule"))
                .map(r -> Instant.parse(r.get("started_at").asText())).sorted().toList();
    }
}
