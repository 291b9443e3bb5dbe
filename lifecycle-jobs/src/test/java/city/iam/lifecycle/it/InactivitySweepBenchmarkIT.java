package city.iam.lifecycle.it;

import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Benchmark harness, not a timed test: runs only with {@code -Dcityiam.bench.users=N} (the warn-all sweep only
 * with {@code -Dcityiam.bench.warn=true} too). Seeds N users straight
 * into the server's database (half with a recent last authentication, half never signed in), then times two
 * sweeps: one where nobody is due (the scan cost) and one, 61 days later, that warns everybody (the write
 * cost). Prints the figures; asserts only the counts.
 */
@ExtendWith(KeycloakServerExtension.class)
class InactivitySweepBenchmarkIT {

    @Test
    void sweep(TestServer server) throws Exception {
        int users = Integer.getInteger("cityiam.bench.users", 0);
        assumeTrue(users > 0, "benchmark: set -Dcityiam.bench.users=100000");
        LifecycleRealm city = new LifecycleRealm(server, "ljbench", false);
        String realmId = city.realm.realmId();
        try {
            Instant now = city.clock(0);
            long seeded = UserSeed.users(server, realmId, users, now.toEpochMilli() - 1000, now.toEpochMilli() - 1000);
            assertEquals(users, seeded);
            assertEquals(201, city.http.putJson(city.path("/policies/inactivity"), city.admin(), Map.of(
                    "warn_after", "P60D", "disable_after", "P90D", "delete_after", "P180D", "final_action", "delete",
                    "never_logged_in_grace", "P30D")).status());

            // A run-now while the sweep is running answers the running run (the scheduler may have started it).
            JsonNode firstStart = city.http.postJson(city.path("/runs"), city.admin(), Map.of("job", "inactivity")).json();
            JsonNode secondStart = city.http.postJson(city.path("/runs"), city.admin(), Map.of("job", "inactivity")).json();
            assertEquals(firstStart.get("id").asText(), secondStart.get("id").asText(), "one run at a time per realm and job");
            // Timed by the run's own start and finish, whoever started it.
            JsonNode scan = city.runToCompletion("inactivity", Duration.ofMinutes(30));
            assertEquals(firstStart.get("id").asText(), scan.get("id").asText());
            Duration scanTime = took(scan);
            assertEquals(users, scan.get("processed").asLong(), scan.toString());
            assertEquals(0, scan.get("changed").asLong(), scan.toString());

            System.out.printf("BENCH inactivity no-change sweep users=%d jdk=%s cores=%d: %d ms, %d batches%n", users,
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), scanTime.toMillis(), scan.get("batches").asInt());
            if (!Boolean.getBoolean("cityiam.bench.warn")) {
                return;
            }
            city.clock(61);
            JsonNode warn = city.runToCompletion("inactivity", Duration.ofMinutes(30));
            Duration warnTime = took(warn);
            assertEquals(users, warn.get("changed").asLong(), warn.toString());

            System.out.printf("BENCH inactivity warn-all sweep users=%d: %d ms%n", users, warnTime.toMillis());
        } finally {
            city.clock(0);
        }
    }

    private static Duration took(JsonNode run) {
        return Duration.between(Instant.parse(run.get("started_at").asText()), Instant.parse(run.get("finished_at").asText()));
    }
}
