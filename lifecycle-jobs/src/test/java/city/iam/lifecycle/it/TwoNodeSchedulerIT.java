package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.KeycloakDistribution;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two Keycloak nodes on one database, both ticking every 5 s: when a daily job falls due on both at once (the
 * test clock is moved a day ahead on each), it is started exactly once, and the run is visible from either node.
 */
class TwoNodeSchedulerIT extends ClockedLifecycleIT {

    @Test
    void aDueJobStartsOnceAcrossTwoNodes(TestServer server) throws Exception {
        assumeTrue(server instanceof KeycloakDistribution, "needs a second server process on the same database");
        city = new LifecycleRealm(server, "ljtwo", false);
        city.clock(0);
        city.realmAttributes(Map.of("city-iam.lifecycle.hygiene-scan", "true"));
        city.runToCompletion("hygiene");
        try (KeycloakDistribution second = ((KeycloakDistribution) server).secondNode()) {
            Http other = second.http();
            city.clock(1.01);
            Http.Reply moved = other.putJson("/realms/master/city-iam/test-clock", second.masterToken(), Map.of("offset_seconds", 87_264));
            assertEquals(200, moved.status(), moved.toString());

            LifecycleRealm.await("a scheduled hygiene run", Duration.ofSeconds(60), () -> scheduled(city.http, city.admin()) >= 1 ? true : null);
            Thread.sleep(20_000);
            assertEquals(1, scheduled(city.http, city.admin()), "both nodes found the job due; one started it");
            assertEquals(1, scheduled(other, second.masterToken()), "the other node sees the same run");
            other.putJson("/realms/master/city-iam/test-clock", second.masterToken(), Map.of("offset_seconds", 0));
        }
    }

    private long scheduled(Http http, String token) {
        JsonNode runs = http.get(city.path("/runs?job=hygiene"), token).json();
        return StreamSupport.stream(runs.spliterator(), false).filter(r -> r.get("triggered_by").asText().equals("schedule")).count();
    }
}
